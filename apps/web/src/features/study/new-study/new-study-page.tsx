'use client';

import Link from 'next/link';
import { gql, useQuery } from '@urql/next';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { NewStudyForm, type NewStudyDataset } from './new-study-form';

interface NewStudyPageData {
  project: {
    id: string;
    name: string;
    datasets: NewStudyDataset[];
    studies: Array<{ id: string; runs: Array<{ id: string; method: string; baseModel: string }> }>;
  };
}

export const NewStudyPage_Project = gql<NewStudyPageData, { id: string }>`
  query NewStudyPage_Project($id: ID!) {
    project(id: $id) {
      id
      name
      datasets {
        id
        name
        source
        labelRule
        textRule
        imported
        rowCounts
        split {
          seed
          trainFraction
          validationFraction
          testFraction
        }
      }
      studies {
        id
        runs {
          id
          method
          baseModel
        }
      }
    }
  }
`;

export function NewStudyPage({ projectId }: { projectId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: NewStudyPage_Project, variables: { id: projectId }, requestPolicy: 'cache-and-network' });

  if (error || !data) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { label: 'New study' }]} />
        {error ? (
          <ErrorNotice title="Could not load the project" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <Loading label="Loading project…" />
        )}
      </>
    );
  }

  const { project } = data;
  const projectHref = `/projects/${encodeURIComponent(project.id)}`;
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { href: projectHref, label: project.name }, { label: 'New study' }]} />
      <div className="page-header">
        <h1>New study</h1>
        <p className="page-header__lead">Each chosen method is trained once per seed on one dataset; the runs are queued for the workers.</p>
      </div>
      {project.datasets.length === 0 ? (
        <EmptyState title="This project has no dataset yet">
          A study trains on one of the project’s datasets. Import one over the API (<code>registerDataset</code>), then come back.{' '}
          <Link href={projectHref}>Back to {project.name}</Link>
        </EmptyState>
      ) : (
        <NewStudyForm projectId={project.id} projectHref={projectHref} datasets={project.datasets} usedBaseModels={project.studies.flatMap((study) => study.runs)} />
      )}
    </>
  );
}
