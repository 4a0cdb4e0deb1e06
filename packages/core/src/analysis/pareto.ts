/**
 * Pareto fronts over one quality metric (higher is better) and one or two costs (lower is better): the runs
 * no other run beats on every axis at once. Ties on every axis keep both runs on the front.
 */
export interface ParetoPoint<T> {
  item: T;
  quality: number;
  costs: readonly number[];
}

export interface ParetoResult<T> {
  front: ParetoPoint<T>[];
  dominated: { point: ParetoPoint<T>; by: ParetoPoint<T> }[];
}

/** True when a is at least as good as b everywhere and strictly better somewhere. */
export function dominates<T>(a: ParetoPoint<T>, b: ParetoPoint<T>): boolean {
  if (a.costs.length !== b.costs.length) throw new RangeError('points must have the same number of cost axes');
  let strictlyBetter = a.quality > b.quality;
  if (a.quality < b.quality) return false;
  for (let i = 0; i < a.costs.length; i++) {
    if (a.costs[i] > b.costs[i]) return false;
    if (a.costs[i] < b.costs[i]) strictlyBetter = true;
  }
  return strictlyBetter;
}

/** The front sorted by the first cost (cheapest first); each dominated point names one point that beats it. */
export function paretoFront<T>(points: readonly ParetoPoint<T>[]): ParetoResult<T> {
  const usable = points.filter((point) => Number.isFinite(point.quality) && point.costs.every(Number.isFinite));
  const front: ParetoPoint<T>[] = [];
  const dominated: ParetoResult<T>['dominated'] = [];
  for (const point of usable) {
    const by = usable.find((other) => other !== point && dominates(other, point));
    if (by) dominated.push({ point, by });
    else front.push(point);
  }
  front.sort((a, b) => a.costs[0] - b.costs[0] || b.quality - a.quality);
  return { front, dominated };
}

/**
 * Time-to-target: the first evaluation at which a run reached `target`, as training seconds — how long a
 * method needs to be good enough, not only how good it ends up.
 */
export function timeToTarget(evaluations: readonly { trainSeconds: number; value: number }[], target: number): number | null {
  const reached = [...evaluations].sort((a, b) => a.trainSeconds - b.trainSeconds).find((evaluation) => evaluation.value >= target);
  return reached ? reached.trainSeconds : null;
}
