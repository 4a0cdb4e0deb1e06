/**
 * Which metrics share a chart. Keys are `split/name` in snake case (CONVENTIONS.md); metrics that share a
 * chart share a y axis, so they must share a unit and a scale: every loss in one chart, the learning rate in
 * its own, the unitless metrics of a split together, and readings with a unit suffix (`_bytes`, `_percent`,
 * `_watts`, ...) by unit. Pure, so the rules are tested without a browser.
 */
import type { XAxisKind } from '@/components/charts/line-band-option';
import { formatValue, type ValueUnit } from '@/components/charts/value-format';
import { formatInteger } from '@/lib/format';
import type { SeriesView } from './metric-series';

export interface MetricGroup {
  /** Stable id, e.g. `loss`, `eval`, `system:bytes`; used as a React key and in tests. */
  id: string;
  title: string;
  unit: ValueUnit;
  xAxis: XAxisKind;
  series: SeriesView[];
}

const UNIT_SUFFIXES: readonly [string, ValueUnit][] = [
  ['_percent', 'percent'],
  ['_bytes', 'bytes'],
  ['_watts', 'watts'],
  ['_joules', 'joules'],
  ['_seconds', 'seconds'],
  ['_ms', 'milliseconds'],
];

const UNIT_TITLES: Record<ValueUnit, string> = {
  plain: '',
  percent: 'utilisation (%)',
  bytes: 'memory',
  watts: 'power (W)',
  joules: 'energy (J)',
  seconds: 'time (s)',
  milliseconds: 'latency (ms)',
};

const SPLIT_TITLES: Record<string, string> = { train: 'Training', eval: 'Evaluation', test: 'Test', system: 'System' };
const SPLIT_ORDER = ['train', 'eval', 'test', 'system'];

/** Steps at or above this are Unix seconds (2001 on): the trainer steps system readings by the second. */
const UNIX_SECONDS = 1_000_000_000;

export function isUnixSeconds(step: number): boolean {
  return step >= UNIX_SECONDS;
}

export function unitOf(key: string): ValueUnit {
  const name = key.slice(key.indexOf('/') + 1);
  return UNIT_SUFFIXES.find(([suffix]) => name.endsWith(suffix))?.[1] ?? 'plain';
}

interface GroupKey {
  id: string;
  title: string;
  unit: ValueUnit;
  /** Sort key: loss first, then evaluation, learning rate, other training metrics, system, the rest. */
  rank: string;
}

export function groupOf(key: string): GroupKey {
  const slash = key.indexOf('/');
  const split = slash >= 0 ? key.slice(0, slash) : '';
  const name = key.slice(slash + 1);
  if (name === 'loss' || name.endsWith('_loss')) return { id: 'loss', title: 'Loss', unit: 'plain', rank: '0' };
  if (name === 'learning_rate' || name === 'lr') return { id: 'learning-rate', title: 'Learning rate', unit: 'plain', rank: '2' };
  const unit = unitOf(key);
  const splitTitle = SPLIT_TITLES[split] ?? (split || 'Other');
  const title = unit === 'plain' ? (split === 'eval' ? 'Evaluation metrics' : splitTitle) : `${splitTitle} · ${UNIT_TITLES[unit]}`;
  const order = split === 'eval' && unit === 'plain' ? '1' : `3-${SPLIT_ORDER.includes(split) ? SPLIT_ORDER.indexOf(split) : 9}-${split}`;
  return { id: unit === 'plain' ? split || 'other' : `${split || 'other'}:${unit}`, title, unit, rank: `${order}-${unit === 'plain' ? '' : unit}` };
}

/** Views grouped into charts, in reading order; keys keep their sorted order inside a group. */
export function groupMetrics(views: readonly SeriesView[]): MetricGroup[] {
  const groups = new Map<string, GroupKey & { series: SeriesView[] }>();
  for (const view of views) {
    const key = groupOf(view.key);
    const group = groups.get(key.id) ?? { ...key, series: [] };
    group.series.push(view);
    groups.set(key.id, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.rank.localeCompare(b.rank) || a.id.localeCompare(b.id))
    .map(({ id, title, unit, series }) => ({ id, title, unit, series, xAxis: axisOf(id, series) }));
}

/** System readings stepped by Unix seconds get a time axis; everything else counts training steps. */
function axisOf(id: string, series: readonly SeriesView[]): XAxisKind {
  if (!id.startsWith('system')) return 'step';
  const first = series.flatMap((s) => s.points.slice(0, 1));
  return first.length > 0 && first.every((p) => isUnixSeconds(p.xStart)) ? 'time' : 'step';
}

/** One sentence per series, for screen readers: the range drawn, the latest value, the extremes. */
export function describeSeries(view: SeriesView, unit: ValueUnit, xAxis: XAxisKind): string {
  if (view.points.length === 0) return `${view.key}: no points yet.`;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of view.points) {
    min = Math.min(min, p.min);
    max = Math.max(max, p.max);
  }
  const first = view.points[0];
  const last = view.points[view.points.length - 1];
  const count = `${formatInteger(view.totalPoints)} ${view.totalPoints === 1 ? 'point' : 'points'}`;
  const span =
    xAxis === 'time'
      ? `over ${formatInteger(last.xEnd - first.xStart)} s`
      : `from step ${formatInteger(first.xStart)} to ${formatInteger(last.xEnd)}`;
  const latest = `latest ${formatValue(unit, last.y)}${xAxis === 'step' ? ` at step ${formatInteger(last.x)}` : ''}`;
  return `${view.key}: ${count} ${span}; ${latest}; lowest ${formatValue(unit, min)}, highest ${formatValue(unit, max)}.`;
}
