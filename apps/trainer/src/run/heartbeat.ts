import { HEARTBEAT_SECONDS } from '@tunelab/core';
import { ApiError, type ApiClient, ApiUnavailableError } from '../api/api-client';
import { Heartbeat } from '../api/operations';

export interface HeartbeatHandlers {
  onCancelled: () => void;
  /** The lease is gone (expired and taken by another worker): stop working on the run at once. */
  onLeaseLost: (error: ApiError) => void;
  log: (message: string) => void;
}

/** Every 5 s: extends the run's lease and learns whether the user cancelled it. Stops itself on cancel or loss. */
export function startHeartbeat(api: ApiClient, workerId: string, runId: string, handlers: HeartbeatHandlers, intervalMs = HEARTBEAT_SECONDS * 1000): () => void {
  let stopped = false;
  const beat = async () => {
    try {
      const { heartbeat } = await api.request(Heartbeat, { workerId, runId });
      if (heartbeat.cancelRequested && !stopped) {
        stopped = true;
        handlers.onCancelled();
      }
    } catch (error) {
      if (error instanceof ApiUnavailableError) handlers.log(`heartbeat failed (${error.message}); training goes on, the journal keeps every event`);
      else if (error instanceof ApiError && !stopped) {
        stopped = true;
        handlers.onLeaseLost(error);
      }
    }
  };
  const timer = setInterval(() => void (stopped || beat()), intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
