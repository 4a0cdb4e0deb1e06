'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { gql, useQuery } from '@urql/next';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { RelativeTime } from '@/components/relative-time';
import { CreateProjectForm } from './create-project-form';

interface ProjectsPageData {
  projects: Array<{
    id: string;
    name: string;
    description: string | null;
    createdAt: string;
    studies: Array<{ id: string }>;
  }>;
}

export const ProjectsPage_Projects = gql<ProjectsPageData, Record<string, never>>`
  query ProjectsPage_Projects {
    projects {
      id
      name
      description
      createdAt
      studies {
        id
      }
    }
  }
`;

export function ProjectsPage() {
  // The list is refetched after createProject even while it is still empty.
  const context = useMemo(() => ({ additionalTypenames: ['Project'] }), []);
  const [{ data, error }, refetch] = useQuery({ query: ProjectsPage_Projects, requestPolicy: 'cache-and-network', context });
  const projects = data?.projects ?? [];

  return (
    <>
      <div className="page-header">
        <h1>Projects</h1>
      </div>

      {error ? (
        <ErrorNotice title="Could not load projects" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading label="Loading projects…" />
      ) : projects.length === 0 ? (
        <EmptyState title="No projects yet">Create the first one below; studies and datasets live inside a project.</EmptyState>
      ) : (
        <ul className="card-list" aria-label="Projects">
          {projects.map((project) => (
            <li key={project.id} className="card">
              <h2 className="card__title">
                <Link href={`/projects/${encodeURIComponent(project.id)}`}>{project.name}</Link>
              </h2>
              {project.description ? <p className="card__text">{project.description}</p> : null}
              <p className="card__meta">
                <span>
                  {project.studies.length} {project.studies.length === 1 ? 'study' : 'studies'}
                </span>
                <span>
                  created <RelativeTime iso={project.createdAt} />
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}

      <section className="panel" aria-labelledby="create-project-title">
        <h2 id="create-project-title">New project</h2>
        <CreateProjectForm />
      </section>
    </>
  );
}
