'use client';

import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from '@/lib/graphql-error';

export function Loading({ label }: { label: string }) {
  return (
    <p className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorNotice({ error, title = 'Something went wrong', onRetry }: { error: CombinedError; title?: string; onRetry?: () => void }) {
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title}</p>
      <p className="state__message">{describeError(error)}</p>
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children ? <div className="state__message">{children}</div> : null}
    </div>
  );
}
