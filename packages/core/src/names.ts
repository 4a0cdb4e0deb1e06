export const DEFAULT_NAME_MAX = 200;

/**
 * Checks a display name; null when it is acceptable. Length counts code points, not UTF-16 units,
 * so an emoji counts once, as it does for the database's character limits.
 */
export function nameProblem(value: string, field: string, max: number = DEFAULT_NAME_MAX): string | null {
  if (typeof value !== 'string') return `${field} must be text (got ${typeof value})`;
  const trimmed = value.trim();
  if (trimmed === '') return `${field} must not be empty; give it a short descriptive name`;
  const length = Array.from(trimmed).length;
  if (length > max) return `${field} must be at most ${max} characters (got ${length}); shorten it`;
  return null;
}
