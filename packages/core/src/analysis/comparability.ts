/**
 * Runs are comparable only when they were evaluated on the same examples under the same rules. A leaderboard
 * or plot never mixes incomparable runs silently: this says what differs, field by field.
 */
export interface EvaluationProtocol {
  runId: string;
  splitFingerprint: string | null;
  labelRule: string;
  textRule: string | null;
  maxSeqLength: number;
}

const FIELDS = ['splitFingerprint', 'labelRule', 'textRule', 'maxSeqLength'] as const;

export interface Difference {
  field: (typeof FIELDS)[number];
  /** Each distinct value with the runs that have it. */
  values: { value: string | number | null; runIds: string[] }[];
}

export type Comparability = { comparable: true } | { comparable: false; differences: Difference[]; reason: string };

export function checkComparability(runs: readonly EvaluationProtocol[]): Comparability {
  const differences: Difference[] = [];
  for (const field of FIELDS) {
    const groups = new Map<string | number | null, string[]>();
    for (const run of runs) groups.set(run[field], [...(groups.get(run[field]) ?? []), run.runId]);
    if (groups.size > 1) differences.push({ field, values: [...groups.entries()].map(([value, runIds]) => ({ value, runIds })) });
  }
  const unrecorded = runs.filter((run) => run.splitFingerprint === null).map((run) => run.runId);
  if (!differences.length && !unrecorded.length) return { comparable: true };
  const reasons = differences.map((difference) => `${difference.field} differs (${difference.values.map((v) => `${String(v.value)}: ${v.runIds.length} run${v.runIds.length === 1 ? '' : 's'}`).join(', ')})`);
  if (unrecorded.length && !differences.some((d) => d.field === 'splitFingerprint')) reasons.push(`${unrecorded.length} run(s) have not recorded the split they trained on yet`);
  return { comparable: false, differences, reason: reasons.join('; ') };
}

/**
 * The largest group of items sharing a key (ties: the smallest key), and the rest: the runs a leaderboard or
 * an analysis compares, and those it sets aside as evaluated differently.
 */
export function largestGroup<T>(items: readonly T[], keyOf: (item: T) => string): { group: T[]; rest: T[] } {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const [chosen] = [...groups.entries()].sort(([keyA, a], [keyB, b]) => b.length - a.length || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0));
  if (!chosen) return { group: [], rest: [] };
  return { group: chosen[1], rest: items.filter((item) => keyOf(item) !== chosen[0]) };
}
