import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { JsonlBlockParser, type JsonlBlockOptions, type ParsedBlock } from './jsonl-block';

const WORKER_FILE = path.join(__dirname, 'jsonl-parse.worker.js');

/**
 * Parser threads: one per core but one, at least one and at most four. The main thread reads, judges
 * duplicates, hashes and writes; on two cores a second parser thread only competes with it (measured:
 * 59 MB/s with one parser thread, 45 MB/s with two; docs/benchmarks.md).
 */
export function defaultParallelism(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/**
 * Parses blocks in worker threads, or inline when `workers` is 0 or the compiled worker is not there
 * (tests run the TypeScript sources). Results come back per block; the caller keeps them in order.
 */
export class JsonlBlockPool {
  private readonly workers: Worker[] = [];
  private readonly inline: JsonlBlockParser | null = null;
  private readonly waiting = new Map<number, { resolve: (block: ParsedBlock) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(options: JsonlBlockOptions, workers: number) {
    if (workers <= 0 || !fs.existsSync(WORKER_FILE)) {
      this.inline = new JsonlBlockParser(options);
      return;
    }
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: options });
      worker.on('message', (message: { id: number; parsed: ParsedBlock }) => {
        this.waiting.get(message.id)?.resolve(message.parsed);
        this.waiting.delete(message.id);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a JSONL parser thread exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** How many blocks may be in flight: enough to keep every thread busy. */
  get depth(): number {
    return this.inline ? 1 : this.workers.length * 2;
  }

  get threads(): number {
    return this.workers.length;
  }

  /** `block` is handed over: it must not be used afterwards. */
  parse(block: Uint8Array): Promise<ParsedBlock> {
    if (this.inline) return Promise.resolve(this.inline.parse(block));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const promise = new Promise<ParsedBlock>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.workers[id % this.workers.length]!.postMessage({ id, block }, [block.buffer as ArrayBuffer]);
    return promise;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the parser pool is closed');
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
