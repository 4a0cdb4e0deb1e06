import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { StudyPage } from '@/features/study/study-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Study' };

export default async function Page({ params }: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading study…" />}>
      <StudyPage key={studyId} studyId={decodeURIComponent(studyId)} />
    </Suspense>
  );
}
