import { randomUUID } from 'node:crypto';

/** Entity ids are random UUIDs: safe to expose, and they never collide across replicas. */
export function newId(): string {
  return randomUUID();
}
