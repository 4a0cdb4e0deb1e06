import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ApiUnavailableError } from '../api/api-client';

/** The files of the engine's ONNX export that predict needs on the API's side (model.onnx.data only when large). */
export const UPLOADED_MODEL_FILES = ['model.onnx', 'model.onnx.data', 'tokenizer.json', 'model.json'] as const;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Uploads a run's ONNX export to the API (PUT /runs/<id>/model/<file>, streamed, with the SHA-256 the API checks),
 * so the API can serve predictions wherever this worker trained. Returns the bytes sent. Throws ApiUnavailableError
 * when the API cannot be reached or fails on its side (the caller retries the upload), a plain Error when it refuses.
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
      let response: Response;
      try {
        response = await fetch(`${base}/runs/${encodeURIComponent(runId)}/model/${name}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'x-content-sha256': await sha256Of(file), 'content-type': 'application/octet-stream', 'content-length': String(bytes) },
          body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
          duplex: 'half',
        } as RequestInit);
      } catch (error) {
        throw new ApiUnavailableError(`uploading ${name}: the API is unreachable: ${(error as Error).message}`);
      }
      const answer = `HTTP ${response.status} ${(await response.text().catch(() => '')).trim()}`;
      // A crash or restart of the API is worth waiting out, as for every other report; a refusal is not.
      if (response.status >= 500 || response.status === 429) throw new ApiUnavailableError(`uploading ${name}: the API answered ${answer}`);
      if (!response.ok) throw new Error(`the API refused ${name}: ${answer}`);
      sent += bytes;
    }
    return sent;
  };
}
