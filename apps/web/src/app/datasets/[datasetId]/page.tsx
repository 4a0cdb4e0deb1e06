import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { DatasetPage } from '@/features/dataset/dataset-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dataset' };

export default async function Page({ params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading dataset…" />}>
      <DatasetPage key={datasetId} datasetId={decodeURIComponent(datasetId)} />
    </Suspense>
  );
}
