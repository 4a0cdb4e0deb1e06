import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { WorkersPage } from '@/features/worker/workers-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Workers' };

export default function Page() {
  return (
    <Suspense fallback={<Loading label="Loading workers…" />}>
      <WorkersPage />
    </Suspense>
  );
}
