import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/query-states';
import { ProjectsPage } from '@/features/project/projects-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Projects' };

export default function Page() {
  return (
    <Suspense fallback={<Loading label="Loading projects…" />}>
      <ProjectsPage />
    </Suspense>
  );
}
