import { createHash } from 'node:crypto';
import type { DatasetSplit } from '../dataset-spec';
import type { Example } from './example-filter';
import type { LabelCount } from './quality-report';
import { SPLIT_NAMES, type SplitName } from './split';

/**
 * Split files and their fingerprints. Each split is a JSONL file of `{"id","text","label"}` lines in source
 * order; its fingerprint is the SHA-256 of the file's bytes. The manifest records the content fingerprint
 * (SHA-256 of all kept rows in source order), the rules, the split parameters and every file's fingerprint;
 * the dataset's fingerprint is the SHA-256 of the manifest. So the same data, rules, seed and fractions always
 * give the same fingerprint and byte-identical files, and any change in any of them gives a new one.
 */
export const MANIFEST_FORMAT = 'tunelab-splits/v1';
export const MANIFEST_FILE = 'manifest.json';

/** One example as one line of a split file (with its trailing newline). */
export function exampleLine(example: Example): string {
  // The same bytes as JSON.stringify({ id, text, label }), without building the object.
  return `{"id":${JSON.stringify(example.id)},"text":${JSON.stringify(example.text)},"label":${example.label}}\n`;
}

export interface SplitFileEntry {
  file: string;
  rows: number;
  sha256: string;
  labels: LabelCount[];
}

export interface SplitManifest {
  format: typeof MANIFEST_FORMAT;
  contentSha256: string;
  labelRule: string;
  textRule: string | null;
  split: DatasetSplit;
  splits: Partial<Record<SplitName, SplitFileEntry>>;
}

export function splitFileName(name: SplitName): string {
  return `${name}.jsonl`;
}

/** JSON with object keys sorted at every level, two-space indented, with a final newline. */
export function canonicalJson(value: unknown): string {
  const sort = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sort);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sort((item as Record<string, unknown>)[key])]),
      );
    }
    return item;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

export function manifestText(manifest: SplitManifest): string {
  const ordered: SplitManifest = { ...manifest, splits: {} };
  for (const name of SPLIT_NAMES) if (manifest.splits[name]) ordered.splits[name] = manifest.splits[name];
  return canonicalJson(ordered);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The dataset fingerprint: SHA-256 of the canonical manifest. */
export function manifestFingerprint(manifest: SplitManifest): string {
  return sha256Hex(manifestText(manifest));
}
