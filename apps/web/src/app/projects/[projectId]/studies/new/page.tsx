import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { NewStudyPage } from '@/features/study/new-study/new-study-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New study' };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading project…" />}>
      <NewStudyPage key={projectId} projectId={decodeURIComponent(projectId)} />
    </Suspense>
  );
}
