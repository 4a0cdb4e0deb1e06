import { createPubSub } from '@graphql-yoga/subscription';
import type { RunEventPayload } from '../modules/run/run-event.type';
import type { StudyEventPayload } from '../modules/study/study-event.type';

/**
 * In-process fan-out of live events. One API process serves one set of subscribers;
 * several replicas will share events through Redis (issue 10) behind this same interface.
 */
export function createEventBus() {
  return createPubSub<{
    'run-events': [runId: string, payload: RunEventPayload];
    'study-events': [studyId: string, payload: StudyEventPayload];
  }>();
}

export type EventBus = ReturnType<typeof createEventBus>;
