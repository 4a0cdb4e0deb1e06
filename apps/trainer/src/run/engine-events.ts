/**
 * The engine's JSON-lines events (docs/engine-protocol.md). The daemon reads the fields it acts on
 * and keeps the rest in its journal untouched.
 */
export interface EngineEvent {
  v: number;
  type: string;
  time?: number;
  [field: string]: unknown;
}

export const ENGINE_PROTOCOL_VERSION = 1;

/** A stdout line as an event, or why it is not one (the engine promises only events on stdout). */
export function parseEngineLine(line: string): { event: EngineEvent } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: `not JSON: ${line.slice(0, 200)}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: `not a JSON object: ${line.slice(0, 200)}` };
  const event = value as EngineEvent;
  if (typeof event.type !== 'string') return { problem: `no "type": ${line.slice(0, 200)}` };
  if (event.v !== ENGINE_PROTOCOL_VERSION) return { problem: `protocol version ${String(event.v)}, this daemon reads ${ENGINE_PROTOCOL_VERSION}` };
  return { event };
}

export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
