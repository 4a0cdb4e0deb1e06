import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type DatasetSplit,
  type Example,
  exampleLine,
  type LabelCount,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  manifestFingerprint,
  manifestText,
  SPLIT_NAMES,
  splitFileName,
  type SplitManifest,
  type SplitName,
} from '@tunelab/core';
import { encodeUtf8 } from './utf8';

/**
 * Split files under <dataDir>/datasets/<fingerprint>/{train,validation,test}.jsonl plus manifest.json.
 * An import writes into a staging folder next to them and renames it into place only when everything is
 * written, so a failed import leaves nothing and readers never see a half-written split. A fingerprint
 * that is already there is reused: the same inputs are materialised once.
 */
export const DATASETS_DIR = 'datasets';
const STAGING_PREFIX = '.staging-';
const ALL_ROWS = 'all-rows.jsonl';
const FLUSH_BYTES = 1 << 20;

export interface StoredSplit {
  name: SplitName;
  /** Relative to the data directory: datasets/<fingerprint>/<name>.jsonl. */
  file: string;
  rows: number;
  sha256: string;
  labels: LabelCount[];
}

export interface CommittedSplits {
  fingerprint: string;
  manifest: SplitManifest;
  splits: StoredSplit[];
  /** False when an earlier import had already materialised this fingerprint. */
  created: boolean;
}

export function splitDirectory(dataDir: string, fingerprint: string): string {
  return path.join(dataDir, DATASETS_DIR, fingerprint);
}

/** Buffered appends to one file, hashing what is written. */
class HashedWriter {
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(private readonly handle: fs.promises.FileHandle) {}

  static async create(file: string): Promise<HashedWriter> {
    return new HashedWriter(await fs.promises.open(file, 'wx'));
  }

  append(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  async flush(force = false): Promise<void> {
    if (this.pendingBytes === 0 || (!force && this.pendingBytes < FLUSH_BYTES)) return;
    const block = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.hash.update(block);
    let offset = 0;
    while (offset < block.length) offset += (await this.handle.write(block, offset)).bytesWritten;
  }

  async close(): Promise<string> {
    await this.flush(true);
    await this.handle.close();
    return this.hash.digest('hex');
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => {});
  }
}

/**
 * One import's staging area. `add` keeps each example (in source order) in an intermediate file and its
 * label in memory; `split` routes the rows into the split files; `commit` moves the folder into place.
 */
export class SplitStaging {
  private labels = new Uint8Array(4096);
  private count = 0;
  private pending: string[] = [];
  private committed = false;

  private constructor(
    private readonly dataDir: string,
    readonly dir: string,
    private readonly all: HashedWriter,
  ) {}

  static async open(dataDir: string): Promise<SplitStaging> {
    const root = path.join(dataDir, DATASETS_DIR);
    await fs.promises.mkdir(root, { recursive: true });
    const dir = path.join(root, `${STAGING_PREFIX}${randomBytes(8).toString('hex')}`);
    await fs.promises.mkdir(dir);
    return new SplitStaging(dataDir, dir, await HashedWriter.create(path.join(dir, ALL_ROWS)));
  }

  get rows(): number {
    return this.count;
  }

  /** The labels of the kept rows, in source order. */
  rowLabels(): Uint8Array {
    return this.labels.subarray(0, this.count);
  }

  private pushLabel(label: number): void {
    if (this.count === this.labels.length) {
      const grown = new Uint8Array(this.labels.length * 2);
      grown.set(this.labels);
      this.labels = grown;
    }
    this.labels[this.count++] = label;
  }

  add(example: Example): void {
    this.pushLabel(example.label);
    this.pending.push(exampleLine(example));
  }

  /** A kept row whose example line comes already encoded (addBytes): its label, in source order. */
  countRow(label: 0 | 1): void {
    this.pushLabel(label);
  }

  /** Example lines already encoded (by a parser thread), exactly exampleLine's bytes; count each with countRow. */
  addBytes(lines: Buffer): void {
    this.movePending();
    this.all.append(lines);
  }

  private movePending(): void {
    if (this.pending.length === 0) return;
    this.all.append(encodeUtf8(this.pending.join('')));
    this.pending = [];
  }

  /** Writes what `add` collected; called between source chunks. */
  async flush(): Promise<void> {
    this.movePending();
    await this.all.flush(true);
  }

  /** SHA-256 of every kept row in source order: the content fingerprint. */
  async finishRows(): Promise<string> {
    await this.flush();
    return this.all.close();
  }

  /**
   * Routes row i to split `assignment[i]` (0 train, 1 validation, 2 test), keeping source order in each file.
   * Splits that get no rows and have a zero fraction are not written.
   */
  async split(assignment: Uint8Array, fractions: DatasetSplit): Promise<Omit<StoredSplit, 'file'>[]> {
    const names = SPLIT_NAMES.filter((name) => name !== 'validation' || fractions.validationFraction > 0);
    const writers = new Map<number, HashedWriter>();
    const labelCounts = new Map<number, [number, number]>();
    try {
      for (const name of names) {
        const index = SPLIT_NAMES.indexOf(name);
        writers.set(index, await HashedWriter.create(path.join(this.dir, splitFileName(name))));
        labelCounts.set(index, [0, 0]);
      }
      const labels = this.rowLabels();
      let row = 0;
      let carry: Buffer | null = null;
      for await (const chunk of fs.createReadStream(path.join(this.dir, ALL_ROWS), { highWaterMark: FLUSH_BYTES })) {
        const buffer: Buffer = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
        let start = 0;
        for (let end = buffer.indexOf(10, start); end >= 0; end = buffer.indexOf(10, start)) {
          const target = assignment[row]!;
          writers.get(target)!.append(buffer.subarray(start, end + 1));
          labelCounts.get(target)![labels[row]!]!++;
          row++;
          start = end + 1;
        }
        carry = start < buffer.length ? Buffer.from(buffer.subarray(start)) : null;
        for (const writer of writers.values()) await writer.flush();
      }
      if (row !== this.count) throw new Error(`split staging is inconsistent: ${row} rows on disk, ${this.count} kept`);
      const result: Omit<StoredSplit, 'file'>[] = [];
      for (const name of names) {
        const index = SPLIT_NAMES.indexOf(name);
        const writer = writers.get(index)!;
        const counts = labelCounts.get(index)!;
        const sha256 = await writer.close();
        result.push({ name, rows: counts[0] + counts[1], sha256, labels: [{ label: 0, count: counts[0] }, { label: 1, count: counts[1] }] });
      }
      writers.clear();
      await fs.promises.rm(path.join(this.dir, ALL_ROWS));
      return result;
    } finally {
      for (const writer of writers.values()) await writer.abandon();
    }
  }

  /** Writes the manifest and moves the folder to datasets/<fingerprint>, or reuses an identical one. */
  async commit(manifest: SplitManifest): Promise<CommittedSplits> {
    const text = manifestText(manifest);
    const fingerprint = manifestFingerprint(manifest);
    await fs.promises.writeFile(path.join(this.dir, MANIFEST_FILE), text, { flag: 'wx' });
    const target = splitDirectory(this.dataDir, fingerprint);
    let created = true;
    if (await isIntact(target, text)) {
      created = false;
      await this.discard();
    } else {
      await fs.promises.rm(target, { recursive: true, force: true });
      await fs.promises.rename(this.dir, target);
    }
    this.committed = true;
    const splits = Object.entries(manifest.splits).map(([name, entry]) => ({
      name: name as SplitName,
      file: path.join(DATASETS_DIR, fingerprint, entry!.file),
      rows: entry!.rows,
      sha256: entry!.sha256,
      labels: entry!.labels,
    }));
    return { fingerprint, manifest, splits, created };
  }

  /** Removes the staging folder (a failed import, or a fingerprint that already existed). */
  async discard(): Promise<void> {
    if (this.committed) return;
    await this.all.abandon();
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}

/** A materialised split folder whose manifest and files match, byte for byte. */
async function isIntact(dir: string, manifest: string): Promise<boolean> {
  try {
    if ((await fs.promises.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) !== manifest) return false;
    const parsed = JSON.parse(manifest) as SplitManifest;
    for (const entry of Object.values(parsed.splits)) {
      const hash = createHash('sha256');
      for await (const chunk of fs.createReadStream(path.join(dir, entry!.file), { highWaterMark: FLUSH_BYTES })) hash.update(chunk as Buffer);
      if (hash.digest('hex') !== entry!.sha256) return false;
    }
    return true;
  } catch {
    return false;
  }
}

export function buildManifest(input: {
  contentSha256: string;
  labelRule: string;
  textRule: string | null;
  split: DatasetSplit;
  splits: Omit<StoredSplit, 'file'>[];
}): SplitManifest {
  const splits: SplitManifest['splits'] = {};
  for (const entry of input.splits) splits[entry.name] = { file: splitFileName(entry.name), rows: entry.rows, sha256: entry.sha256, labels: entry.labels };
  return { format: MANIFEST_FORMAT, contentSha256: input.contentSha256, labelRule: input.labelRule, textRule: input.textRule, split: { ...input.split }, splits };
}

/** Staging folders of imports that died with their process (an hour old: no live import is that slow to start). */
export async function removeStaleStaging(dataDir: string, olderThanMs = 3_600_000): Promise<void> {
  const root = path.join(dataDir, DATASETS_DIR);
  let names: string[];
  try {
    names = await fs.promises.readdir(root);
  } catch {
    return;
  }
  for (const name of names.filter((entry) => entry.startsWith(STAGING_PREFIX))) {
    const dir = path.join(root, name);
    const stat = await fs.promises.stat(dir).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > olderThanMs) await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Removes a split folder an import created, when its dataset could not be stored after all. */
export async function removeSplitDirectory(dataDir: string, fingerprint: string): Promise<void> {
  await fs.promises.rm(splitDirectory(dataDir, fingerprint), { recursive: true, force: true });
}
