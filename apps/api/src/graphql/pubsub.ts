import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import { RunEventKind, type RunEventPayload } from '../modules/run/run-event.type';
import type { Run } from '../modules/run/run.entity';
import type { StudyEventPayload } from '../modules/study/study-event.type';

/**
 * Fan-out of live events to subscribers. One API process: in memory. Several replicas behind one URL (issue 10):
 * every replica publishes to Redis and hears every event back from Redis, so a client connected to replica A sees
 * points ingested by replica B, in the order they were published.
 */
// A type alias (not an interface) so it satisfies createPubSub's index-signature constraint.
type Topics = {
  'run-events': [runId: string, payload: RunEventPayload];
  'study-events': [studyId: string, payload: StudyEventPayload];
};
type Topic = keyof Topics;

export interface EventBus {
  publish<T extends Topic>(topic: T, id: Topics[T][0], payload: Topics[T][1]): void;
  subscribe<T extends Topic>(topic: T, id: Topics[T][0]): AsyncIterable<Topics[T][1]>;
  close(): Promise<void>;
}

export function createEventBus(): EventBus {
  const local = createPubSub<Topics>();
  return {
    publish: (topic, id, payload) => local.publish(topic, id, payload as never),
    subscribe: (topic, id) => (local.subscribe as (topic: Topic, id: string) => AsyncIterable<never>)(topic, id),
    close: async () => undefined,
  };
}

const CHANNEL_PREFIX = 'tunelab:';

/** What crosses Redis: plain data. A run travels as its id and is read back from the database on arrival. */
type WireRunEvent = Omit<RunEventPayload, 'run' | 'checkpoint'> & { runRef: string | null; checkpoint: (Record<string, unknown> & { createdAt: string }) | null };
type WireStudyEvent = { studyId: string; runRef: string };

function toWire(topic: Topic, payload: RunEventPayload | StudyEventPayload): WireRunEvent | WireStudyEvent {
  if (topic === 'study-events') {
    const event = payload as StudyEventPayload;
    return { studyId: event.studyId, runRef: event.run.id };
  }
  const { run, checkpoint, ...rest } = payload as RunEventPayload;
  return {
    ...rest,
    runRef: run?.id ?? null,
    checkpoint: checkpoint ? { id: checkpoint.id, epoch: checkpoint.epoch, step: checkpoint.step, path: checkpoint.path, bytes: checkpoint.bytes, metrics: checkpoint.metrics, createdAt: checkpoint.createdAt.toISOString() } : null,
  };
}

export interface RedisEventBusOptions {
  url: string;
  /** Reads a run as it is now, for events that carry one. */
  loadRun: (runId: string) => Promise<Run | null>;
  log?: (message: string) => void;
}

export async function createRedisEventBus({ url, loadRun, log = console.error }: RedisEventBusOptions): Promise<EventBus> {
  const local = createPubSub<Topics>();
  const options = { lazyConnect: true, maxRetriesPerRequest: null, enableOfflineQueue: true } as const;
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  for (const [name, client] of [['publish', publisher], ['subscribe', subscriber]] as const) {
    client.on('error', (error: Error) => log(`[api] Redis (${name}) at ${url}: ${error.message}; retrying`));
  }
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw new Error(`cannot reach Redis at ${url} (REDIS_URL): ${(error as Error).message}`);
  }

  // Messages are decoded one after another: reading a run back is async, and order must survive it.
  let delivered: Promise<void> = Promise.resolve();
  const deliver = async (channel: string, message: string) => {
    const [topic, id] = channel.slice(CHANNEL_PREFIX.length).split('|') as [Topic, string];
    const wire = JSON.parse(message) as WireRunEvent & WireStudyEvent;
    const run = wire.runRef ? await loadRun(wire.runRef) : null;
    if (topic === 'study-events') {
      if (run) local.publish('study-events', id, { studyId: wire.studyId, run });
      return;
    }
    const { runRef: _runRef, checkpoint, ...rest } = wire;
    if (rest.kind !== RunEventKind.METRICS && wire.runRef && !run) return;
    local.publish('run-events', id, { ...rest, run, checkpoint: checkpoint ? ({ ...checkpoint, createdAt: new Date(checkpoint.createdAt) } as never) : null });
  };
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
    delivered = delivered.then(() => deliver(channel, message)).catch((error) => log(`[api] a live event from Redis was dropped: ${(error as Error).message}`));
  });
  await subscriber.psubscribe(`${CHANNEL_PREFIX}*`);

  return {
    publish(topic, id, payload) {
      publisher.publish(`${CHANNEL_PREFIX}${topic}|${id}`, JSON.stringify(toWire(topic, payload as never))).catch((error: Error) => log(`[api] a live event was not published to Redis: ${error.message}`));
    },
    subscribe: (topic, id) => (local.subscribe as (topic: Topic, id: string) => AsyncIterable<never>)(topic, id),
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
