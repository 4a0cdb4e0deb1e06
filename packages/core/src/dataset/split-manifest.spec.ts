import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT } from '../dataset-spec';
import { canonicalJson, exampleLine, manifestFingerprint, manifestText, type SplitManifest } from './split-manifest';

const manifest: SplitManifest = {
  format: 'tunelab-splits/v1',
  contentSha256: 'c'.repeat(64),
  labelRule: 'grade3',
  textRule: null,
  split: { ...DEFAULT_SPLIT },
  splits: {
    test: { file: 'test.jsonl', rows: 2, sha256: 'b'.repeat(64), labels: [{ label: 0, count: 1 }, { label: 1, count: 1 }] },
    train: { file: 'train.jsonl', rows: 8, sha256: 'a'.repeat(64), labels: [{ label: 0, count: 2 }, { label: 1, count: 6 }] },
  },
};

describe('split files and fingerprints', () => {
  it('writes one example per line as {"id","text","label"}', () => {
    expect(exampleLine({ id: '1', text: 'Фильм «Х»\n"да"', label: 1 })).toBe('{"id":"1","text":"Фильм «Х»\\n\\"да\\"","label":1}\n');
  });

  it('writes canonical JSON: sorted keys, so key order never changes a fingerprint', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 }));
    expect(manifestText(manifest)).toBe(manifestText({ ...manifest, splits: { train: manifest.splits.train, test: manifest.splits.test } }));
  });

  it('is a stable SHA-256 of the manifest and changes with any input', () => {
    const fingerprint = manifestFingerprint(manifest);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(manifestFingerprint(structuredClone(manifest))).toBe(fingerprint);
    // Pinned: a change here breaks every stored fingerprint, so it must be deliberate (bump MANIFEST_FORMAT).
    expect(fingerprint).toBe('e956bc42eeae3377ad0ffb3950b08aefc4811e0baf91610163c21b9704461dec');
    expect(manifestFingerprint(JSON.parse(manifestText(manifest)) as SplitManifest)).toBe(fingerprint);
    expect(manifestFingerprint({ ...manifest, labelRule: 'grade10>=7' })).not.toBe(fingerprint);
    expect(manifestFingerprint({ ...manifest, textRule: 'strip-score-mentions' })).not.toBe(fingerprint);
    expect(manifestFingerprint({ ...manifest, split: { ...manifest.split, seed: 1 } })).not.toBe(fingerprint);
    expect(manifestFingerprint({ ...manifest, contentSha256: 'd'.repeat(64) })).not.toBe(fingerprint);
    expect(manifestFingerprint({ ...manifest, splits: { ...manifest.splits, test: { ...manifest.splits.test!, sha256: 'e'.repeat(64) } } })).not.toBe(fingerprint);
  });
});
