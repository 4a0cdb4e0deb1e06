import type { MetricPointInput } from './metric-points';
import { type FieldIssue, invalid, valid, type Validated } from './validation';

/**
 * One metric's points in columns. The compact ingest form: a trainer groups its buffered points by key,
 * and the API coerces four lists of numbers instead of a thousand small objects.
 */
export interface MetricSeriesInput {
  key: string;
  steps: number[];
  values: number[];
  epochs?: (number | null)[] | null;
  wallTimes?: (number | null)[] | null;
}

const COLUMN_OF: Record<string, string> = { key: 'key', step: 'steps', value: 'values', epoch: 'epochs', wallTime: 'wallTimes' };

/** Turns columns into points, checking the columns line up; `locate` maps a point's index back to its column cell. */
export function seriesToPoints(series: MetricSeriesInput[]): Validated<{ points: MetricPointInput[]; locate: (pointField: string) => string }> {
  const issues: FieldIssue[] = [];
  const points: MetricPointInput[] = [];
  const origins: [number, number][] = [];
  series.forEach((one, s) => {
    const length = one.steps.length;
    for (const column of ['values', 'epochs', 'wallTimes'] as const) {
      const cells = one[column];
      if (cells != null && cells.length !== length) {
        issues.push({ field: `series[${s}].${column}`, message: `has ${cells.length} entries but steps has ${length}; send one entry per step (or omit ${column === 'values' ? 'nothing: values are required' : column})` });
      }
    }
    if (issues.length) return;
    for (let i = 0; i < length; i++) {
      points.push({ key: one.key, step: one.steps[i], value: one.values[i], epoch: one.epochs?.[i] ?? null, wallTime: one.wallTimes?.[i] ?? null });
      origins.push([s, i]);
    }
  });
  if (issues.length) return invalid(issues);
  const locate = (pointField: string) =>
    pointField === 'points' ? 'series' : pointField.replace(/^points\[(\d+)\]\.(\w+)$/, (whole, index: string, field: string) => {
      const origin = origins[Number(index)];
      if (!origin) return whole;
      return field === 'key' ? `series[${origin[0]}].key` : `series[${origin[0]}].${COLUMN_OF[field] ?? field}[${origin[1]}]`;
    });
  return valid({ points, locate });
}
