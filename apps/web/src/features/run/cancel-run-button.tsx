'use client';

import { useState } from 'react';
import { gql, useMutation } from '@urql/next';
import { ErrorNotice } from '@/components/query-states';

export const CancelRunButton_CancelRun = gql<{ cancelRun: { id: string; status: string } }, { runId: string }>`
  mutation CancelRunButton_CancelRun($runId: ID!) {
    cancelRun(runId: $runId) {
      id
      status
    }
  }
`;

/** Two steps, so a stray click or Enter does not stop hours of training. */
export function CancelRunButton({ runId }: { runId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [{ fetching, error }, cancelRun] = useMutation(CancelRunButton_CancelRun);

  if (!confirming) {
    return (
      <div className="cancel">
        <button type="button" className="button button--danger-outline" onClick={() => setConfirming(true)}>
          Cancel run
        </button>
        {error ? <ErrorNotice title="Could not cancel the run" error={error} /> : null}
      </div>
    );
  }
  return (
    <div className="cancel" role="group" aria-label="Confirm cancelling this run">
      <span className="cancel__question">Stop this run?</span>
      <button
        type="button"
        className="button button--danger"
        disabled={fetching}
        autoFocus
        onClick={async () => {
          await cancelRun({ runId });
          setConfirming(false);
        }}
      >
        {fetching ? 'Cancelling…' : 'Yes, cancel it'}
      </button>
      <button type="button" className="button button--ghost" disabled={fetching} onClick={() => setConfirming(false)}>
        Keep running
      </button>
    </div>
  );
}
