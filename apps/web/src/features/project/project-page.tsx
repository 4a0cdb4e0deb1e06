'use client';

import Link from 'next/link';
import { gql, useQuery } from '@urql/next';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { RelativeTime } from '@/components/relative-time';
import { EMPTY, formatInteger, formatPercent } from '@/lib/format';

interface RunCounts {
  queued: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  total: number;
}

interface ProjectPageData {
  project: {
    id: string;
    name: string;
    description: string | null;
    createdAt: string;
    datasets: Array<{
      id: string;
      name: string;
      source: string;
      labelRule: string;
      textRule: string | null;
      fingerprint: string | null;
      rowCounts: Record<string, unknown> | null;
      createdAt: string;
      split: { seed: number; trainFraction: number; validationFraction: number; testFraction: number };
    }>;
    studies: Array<{
      id: string;
      name: string;
      description: string | null;
      primaryMetric: string;
      seeds: number[];
      createdAt: string;
      dataset: { id: string; name: string };
      runCounts: RunCounts;
    }>;
  };
}

export const ProjectPage_Project = gql<ProjectPageData, { id: string }>`
  query ProjectPage_Project($id: ID!) {
    project(id: $id) {
      id
      name
      description
      createdAt
      datasets {
        id
        name
        source
        labelRule
        textRule
        fingerprint
        rowCounts
        createdAt
        split {
          seed
          trainFraction
          validationFraction
          testFraction
        }
      }
      studies {
        id
        name
        description
        primaryMetric
        seeds
        createdAt
        dataset {
          id
          name
        }
        runCounts {
          queued
          running
          succeeded
          failed
          cancelled
          total
        }
      }
    }
  }
`;

export function ProjectPage({ projectId }: { projectId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: ProjectPage_Project, variables: { id: projectId }, requestPolicy: 'cache-and-network' });

  if (error || !data) {
    return (
      <>
        <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { label: 'Project' }]} />
        {error ? (
          <ErrorNotice title="Could not load the project" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
        ) : (
          <Loading label="Loading project…" />
        )}
      </>
    );
  }

  const { project } = data;
  const newStudyHref = `/projects/${encodeURIComponent(project.id)}/studies/new`;
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { label: project.name }]} />
      <div className="page-header">
        <h1>{project.name}</h1>
        {project.description ? <p className="page-header__lead">{project.description}</p> : null}
      </div>

      <section className="panel" aria-labelledby="studies-title">
        <div className="panel__header">
          <h2 id="studies-title">Studies</h2>
          {project.datasets.length > 0 ? (
            <Link href={newStudyHref} className="button button--small">
              New study
            </Link>
          ) : null}
        </div>
        {project.studies.length === 0 ? (
          <EmptyState title="No studies yet">
            {project.datasets.length > 0 ? (
              <>
                A study runs each method on one dataset for every seed. <Link href={newStudyHref}>Create the first study</Link>.
              </>
            ) : (
              <>A study runs each method on one dataset for every seed; import a dataset first (below).</>
            )}
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col" className="hide-narrow">
                    Dataset
                  </th>
                  <th scope="col" className="hide-narrow">
                    Primary metric
                  </th>
                  <th scope="col" className="hide-narrow">
                    Seeds
                  </th>
                  <th scope="col">Runs</th>
                  <th scope="col" className="hide-narrow">
                    Created
                  </th>
                </tr>
              </thead>
              <tbody>
                {project.studies.map((study) => (
                  <tr key={study.id}>
                    <th scope="row">
                      <Link href={`/studies/${encodeURIComponent(study.id)}`}>{study.name}</Link>
                      {study.description ? <div className="muted small">{study.description}</div> : null}
                    </th>
                    <td className="hide-narrow">{study.dataset.name}</td>
                    <td className="hide-narrow">
                      <code>{study.primaryMetric}</code>
                    </td>
                    <td className="hide-narrow">{study.seeds.join(', ')}</td>
                    <td>
                      <RunCountsSummary counts={study.runCounts} />
                    </td>
                    <td className="hide-narrow">
                      <RelativeTime iso={study.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="datasets-title">
        <h2 id="datasets-title">Datasets</h2>
        {project.datasets.length === 0 ? (
          <EmptyState title="No datasets yet">
            Import one over the API (<code>registerDataset</code>): it reports on the data and stores fingerprinted splits.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Dataset</th>
                  <th scope="col" className="hide-narrow">
                    Source
                  </th>
                  <th scope="col" className="hide-narrow">
                    Label rule
                  </th>
                  <th scope="col">Split (train / val / test, seed)</th>
                  <th scope="col">Rows</th>
                  <th scope="col" className="hide-narrow">
                    Created
                  </th>
                </tr>
              </thead>
              <tbody>
                {project.datasets.map((dataset) => (
                  <tr key={dataset.id}>
                    <th scope="row">
                      <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link>
                      {dataset.fingerprint ? (
                        <div className="muted small mono" title={dataset.fingerprint}>
                          {dataset.fingerprint.slice(0, 12)}
                        </div>
                      ) : null}
                    </th>
                    <td className="break hide-narrow">{dataset.source}</td>
                    <td className="hide-narrow">
                      <code>{dataset.labelRule}</code>
                      {dataset.textRule ? (
                        <>
                          {' '}
                          <code>{dataset.textRule}</code>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {formatPercent(dataset.split.trainFraction)} / {formatPercent(dataset.split.validationFraction)} /{' '}
                      {formatPercent(dataset.split.testFraction)}, seed {dataset.split.seed}
                    </td>
                    <td>{formatRowCounts(dataset.rowCounts)}</td>
                    <td className="hide-narrow">
                      <RelativeTime iso={dataset.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function RunCountsSummary({ counts }: { counts: RunCounts }) {
  const parts = [
    ['queued', counts.queued],
    ['running', counts.running],
    ['succeeded', counts.succeeded],
    ['failed', counts.failed],
    ['cancelled', counts.cancelled],
  ] as const;
  return (
    <span>
      {counts.total} total
      {parts
        .filter(([, n]) => n > 0)
        .map(([label, n]) => (
          <span key={label} className="muted">
            {' · '}
            {n} {label}
          </span>
        ))}
    </span>
  );
}

function formatRowCounts(rowCounts: Record<string, unknown> | null): string {
  if (!rowCounts) return EMPTY;
  const entries = Object.entries(rowCounts).filter(([, v]) => typeof v === 'number');
  if (entries.length === 0) return EMPTY;
  return entries.map(([split, n]) => `${split} ${formatInteger(n as number)}`).join(', ');
}
