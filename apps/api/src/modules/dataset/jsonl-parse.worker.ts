/** A worker thread of the JSONL importer: parses blocks of lines (see jsonl-block.ts) and posts them back. */
import { parentPort, workerData } from 'node:worker_threads';
import { JsonlBlockParser, type JsonlBlockOptions, transferables } from './jsonl-block';

const parser = new JsonlBlockParser(workerData as JsonlBlockOptions);

parentPort!.on('message', (message: { id: number; block: Uint8Array }) => {
  const parsed = parser.parse(message.block);
  parentPort!.postMessage({ id: message.id, parsed }, transferables(parsed));
});
