/**
 * Hands events from one producer to one consumer that may mount later (e.g. a
 * panel still suspended on its first query): events emitted while nobody
 * listens are kept (up to `capacity`) and replayed to the next listener.
 */
export interface EventRelay<T> {
  emit(event: T): void;
  listen(listener: (event: T) => void): () => void;
}

export function createEventRelay<T>(capacity = 10_000): EventRelay<T> {
  let listener: ((event: T) => void) | null = null;
  let pending: T[] = [];
  return {
    emit(event) {
      if (listener) {
        listener(event);
        return;
      }
      pending.push(event);
      if (pending.length > capacity) pending = pending.slice(-capacity);
    },
    listen(next) {
      listener = next;
      const replay = pending;
      pending = [];
      for (const event of replay) next(event);
      return () => {
        if (listener === next) listener = null;
      };
    },
  };
}
