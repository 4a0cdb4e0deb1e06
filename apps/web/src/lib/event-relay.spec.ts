import { describe, expect, it } from 'vitest';
import { createEventRelay } from './event-relay';

describe('createEventRelay', () => {
  it('replays what was emitted before a listener came, then delivers directly', () => {
    const relay = createEventRelay<number>();
    relay.emit(1);
    relay.emit(2);
    const seen: number[] = [];
    const stop = relay.listen((n) => seen.push(n));
    relay.emit(3);
    expect(seen).toEqual([1, 2, 3]);
    stop();
    relay.emit(4);
    const later: number[] = [];
    relay.listen((n) => later.push(n));
    expect(later).toEqual([4]);
  });

  it('keeps only the newest events beyond its capacity', () => {
    const relay = createEventRelay<number>(2);
    [1, 2, 3].forEach((n) => relay.emit(n));
    const seen: number[] = [];
    relay.listen((n) => seen.push(n));
    expect(seen).toEqual([2, 3]);
  });
});
