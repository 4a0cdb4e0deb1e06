import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where a run's exported classifier lives on the API's side: data/models/<runId>/, uploaded by the worker that
 * trained it, so predictions work wherever the trainer ran. Each file is written to a temporary name, checked
 * against the SHA-256 the worker sent, then renamed: a half-written file is never served.
 */
export const MODEL_FILES = ['model.onnx', 'model.onnx.data', 'tokenizer.json', 'model.json'] as const;
export const REQUIRED_MODEL_FILES = ['model.onnx', 'tokenizer.json', 'model.json'] as const;
/** BERT-base is about 0.7 GB; leave room for larger exports with external data. */
export const MAX_MODEL_FILE_BYTES = 8 * 2 ** 30;

export interface StoredModelFile {
  name: string;
  bytes: number;
  sha256: string;
}

export class ModelUploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class ModelStore {
  constructor(private readonly dataDir: string) {}

  dir(runId: string): string {
    return path.join(this.dataDir, 'models', runId);
  }

  async save(runId: string, name: string, body: Readable, expectedSha256: string): Promise<StoredModelFile> {
    if (!(MODEL_FILES as readonly string[]).includes(name)) throw new ModelUploadError(404, `"${name}" is not a model file; upload ${MODEL_FILES.join(', ')}`);
    if (!/^[0-9a-f]{64}$/.test(expectedSha256)) throw new ModelUploadError(400, 'send the file\'s SHA-256 (64 lower-case hex digits) in the x-content-sha256 header');
    const dir = this.dir(runId);
    fs.mkdirSync(dir, { recursive: true });
    const temporary = path.join(dir, `.${name}.${randomUUID()}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            bytes += chunk.length;
            if (bytes > MAX_MODEL_FILE_BYTES) throw new ModelUploadError(413, `${name} is larger than ${MAX_MODEL_FILE_BYTES / 2 ** 30} GiB`);
            hash.update(chunk);
            yield chunk;
          }
        },
        fs.createWriteStream(temporary),
      );
      const sha256 = hash.digest('hex');
      if (sha256 !== expectedSha256) throw new ModelUploadError(400, `${name}: the body's SHA-256 is ${sha256}, not ${expectedSha256} as sent; the upload was damaged, send it again`);
      // The digest is kept beside the file so listing a model never re-reads gigabytes.
      fs.writeFileSync(`${temporary}.sha256`, sha256);
      fs.renameSync(`${temporary}.sha256`, path.join(dir, `${name}.sha256`));
      fs.renameSync(temporary, path.join(dir, name));
      return { name, bytes, sha256 };
    } finally {
      fs.rmSync(temporary, { force: true });
      fs.rmSync(`${temporary}.sha256`, { force: true });
    }
  }

  /** The complete export of a run, or null while a required file is missing. */
  files(runId: string): StoredModelFile[] | null {
    const dir = this.dir(runId);
    if (!REQUIRED_MODEL_FILES.every((name) => fs.existsSync(path.join(dir, name)))) return null;
    return MODEL_FILES.filter((name) => fs.existsSync(path.join(dir, name))).map((name) => {
      const file = path.join(dir, name);
      return { name, bytes: fs.statSync(file).size, sha256: fs.readFileSync(`${file}.sha256`, 'utf8').trim() };
    });
  }
}
