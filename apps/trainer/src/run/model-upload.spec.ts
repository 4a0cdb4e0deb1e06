import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiUnavailableError } from '../api/api-client';
import { modelUploader } from './model-upload';

/** An export directory with the files predict needs. */
function exportDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-upload-'));
  for (const name of ['model.onnx', 'tokenizer.json', 'model.json']) fs.writeFileSync(path.join(dir, name), `${name} bytes`);
  return dir;
}

describe('modelUploader', () => {
  const servers: http.Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));
  const serve = async (status: number): Promise<string> => {
    const server = http.createServer((request, response) => request.resume().on('end', () => response.writeHead(status).end(status === 200 ? '{}' : 'no')));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  };

  it('uploads every file and returns the bytes sent', async () => {
    const upload = modelUploader(await serve(200), 'tlk_test');
    expect(await upload('run-1', exportDir(), () => {})).toBe('model.onnx bytes'.length + 'tokenizer.json bytes'.length + 'model.json bytes'.length);
  });

  it('says the API is unavailable (worth retrying) when it cannot be reached or fails on its side, and refused otherwise', async () => {
    const closed = await serve(200);
    servers.splice(0).forEach((server) => server.close());
    await expect(modelUploader(closed, 'tlk_test')('run-1', exportDir(), () => {})).rejects.toBeInstanceOf(ApiUnavailableError);
    await expect(modelUploader(await serve(503), 'tlk_test')('run-1', exportDir(), () => {})).rejects.toBeInstanceOf(ApiUnavailableError);
    const refused = modelUploader(await serve(403), 'tlk_test')('run-1', exportDir(), () => {});
    await expect(refused).rejects.toThrow(/the API refused model.onnx: HTTP 403 no/);
    await expect(refused).rejects.not.toBeInstanceOf(ApiUnavailableError);
  });
});
