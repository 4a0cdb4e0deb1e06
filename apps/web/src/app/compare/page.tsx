import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { ComparePage } from '@/features/compare/compare-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Compare runs' };

export default function Page() {
  return (
    <Suspense fallback={<Loading label="Loading runs…" />}>
      <ComparePage />
    </Suspense>
  );
}
