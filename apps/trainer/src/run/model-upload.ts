import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

/** The files of the engine's ONNX export that predict needs on the API's side (model.onnx.data only when large). */
export const UPLOADED_MODEL_FILES = ['model.onnx', 'model.onnx.data', 'tokenizer.json', 'model.json'] as const;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Uploads a run's ONNX export to the API (PUT /runs/<id>/model/<file>, streamed, with the SHA-256 the API checks),
 * so the API can serve predictions wherever this worker trained. Returns the bytes sent.
 */
export function modelUploader(apiUrl: string, token: string) {
  const base = apiUrl.replace(/\/graphql\/?$/, '');
  return async (runId: string, exportDir: string, log: (message: string) => void): Promise<number> => {
    let sent = 0;
    for (const name of UPLOADED_MODEL_FILES) {
      const file = path.join(exportDir, name);
      if (!fs.existsSync(file)) {
        if (name === 'model.onnx.data') continue;
        throw new Error(`the ONNX export in ${exportDir} has no ${name}`);
      }
      const bytes = fs.statSync(file).size;
      log(`uploading ${name} (${(bytes / 2 ** 20).toFixed(1)} MiB) for predictions`);
      const response = await fetch(`${base}/runs/${encodeURIComponent(runId)}/model/${name}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'x-content-sha256': await sha256Of(file), 'content-type': 'application/octet-stream', 'content-length': String(bytes) },
        body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (!response.ok) throw new Error(`the API refused ${name}: HTTP ${response.status} ${(await response.text()).trim()}`);
      sent += bytes;
    }
    return sent;
  };
}
