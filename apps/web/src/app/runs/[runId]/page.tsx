import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { RunPage } from '@/features/run/run-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Run' };

export default async function Page({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading run…" />}>
      <RunPage key={runId} runId={decodeURIComponent(runId)} />
    </Suspense>
  );
}
