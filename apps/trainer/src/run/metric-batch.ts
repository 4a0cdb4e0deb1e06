import { type EngineEvent, num, str } from './engine-events';

export interface MetricPointOut {
  key: string;
  step: number;
  epoch: number | null;
  value: number;
  wallTime: number | null;
}

export interface SeriesOut {
  key: string;
  steps: number[];
  values: number[];
  epochs: (number | null)[];
  wallTimes: (number | null)[];
}

/**
 * The metric points an event carries: `metric` carries one (the engine reports evaluations as eval/* metrics
 * too); the daemon's own `system` readings carry system/<name>, stepped by the second of the reading, since
 * training steps can stall for minutes and a point per (key, step) is kept only once.
 */
export function pointsOf(event: EngineEvent): MetricPointOut[] {
  const wallTime = num(event.time);
  if (event.type === 'metric') {
    const key = str(event.key);
    const step = num(event.step);
    const value = num(event.value);
    return key && step !== null && value !== null ? [{ key, step, value, epoch: num(event.epoch), wallTime }] : [];
  }
  if (event.type === 'system' && event.source === 'trainer' && wallTime !== null) {
    const step = Math.floor(wallTime);
    return Object.entries(event.readings ?? {})
      .filter(([, value]) => num(value) !== null)
      .map(([name, value]) => ({ key: `system/${name}`, step, value: num(value)!, epoch: null, wallTime }));
  }
  return [];
}

/** Points grouped into one column series per key: the compact form the API ingests fastest. */
export function toSeries(points: MetricPointOut[]): SeriesOut[] {
  const byKey = new Map<string, SeriesOut>();
  for (const point of points) {
    let series = byKey.get(point.key);
    if (!series) {
      series = { key: point.key, steps: [], values: [], epochs: [], wallTimes: [] };
      byKey.set(point.key, series);
    }
    series.steps.push(point.step);
    series.values.push(point.value);
    series.epochs.push(point.epoch);
    series.wallTimes.push(point.wallTime);
  }
  return [...byKey.values()];
}
