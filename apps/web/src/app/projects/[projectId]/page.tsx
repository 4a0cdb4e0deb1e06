import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { ProjectPage } from '@/features/project/project-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Project' };

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return (
    <Suspense fallback={<Loading label="Loading project…" />}>
      <ProjectPage key={projectId} projectId={decodeURIComponent(projectId)} />
    </Suspense>
  );
}
