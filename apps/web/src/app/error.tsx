'use client';

import { useEffect } from 'react';

/** Last-resort boundary for errors thrown while rendering (GraphQL errors are shown in place). */
export default function RouteError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">This page failed to render</p>
      <p className="state__message">{error.message}</p>
      <button type="button" className="button button--small" onClick={() => retry()}>
        Try again
      </button>
    </div>
  );
}
