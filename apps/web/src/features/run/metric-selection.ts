/**
 * Which metric keys the run page charts, kept in the URL (`?metrics=train/loss,eval/f1_macro`) so a view can
 * be shared. No parameter: every key, including keys that appear later. An empty one: none. Keys are
 * `split/name` in snake case, so a comma never occurs inside one.
 */
export const METRICS_PARAM = 'metrics';

/** The keys a parameter names, or null for "all". */
export function parseShownKeys(param: string | null): ReadonlySet<string> | null {
  if (param === null) return null;
  return new Set(
    param
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  );
}

export function isShown(shown: ReadonlySet<string> | null, key: string): boolean {
  return shown === null || shown.has(key);
}

/** The selection after turning one key on or off. */
export function toggleShown(shown: ReadonlySet<string> | null, key: string, allKeys: readonly string[]): ReadonlySet<string> | null {
  const next = new Set(shown ?? allKeys);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/**
 * The parameter value for a selection: null (drop the parameter) when it holds every key there is. Keys the
 * run does not have (yet) stay, after the known ones: a shared link may name a metric logged later.
 */
export function serializeShownKeys(shown: ReadonlySet<string> | null, allKeys: readonly string[]): string | null {
  if (shown === null || allKeys.every((key) => shown.has(key))) return null;
  const known = new Set(allKeys);
  const unknown = [...shown].filter((key) => !known.has(key)).sort();
  return [...allKeys.filter((key) => shown.has(key)), ...unknown].join(',');
}
