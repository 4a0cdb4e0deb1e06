'use client';

import { gql, useQuery } from '@urql/next';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { EmptyState, ErrorNotice } from '@/components/query-states';
import { formatInteger, formatPercent } from '@/lib/format';

interface LabelCount {
  label: number;
  count: number;
}

interface DatasetPageData {
  dataset: {
    id: string;
    name: string;
    source: string;
    labelRule: string;
    textRule: string | null;
    fingerprint: string | null;
    synthetic: boolean;
    project: { id: string; name: string };
    splits: { name: string; rows: number; sha256: string; labels: LabelCount[] }[];
    quality: {
      rowsRead: number;
      rowsKept: number;
      rowsDropped: number;
      keptPerLabel: LabelCount[];
      dropped: { reason: string; description: string; count: number; lines: number[] }[];
      majorityClass: { label: number; accuracy: number; testAccuracy: number | null };
      scoreMentions: { rows: number; share: number; stripped: boolean };
      gradeAgreement: { compared: number; disagreements: number } | null;
      textLength: { unit: string; min: number; p50: number; p90: number; p99: number; max: number; mean: number };
    } | null;
  };
}

export const DatasetPage_Dataset = gql<DatasetPageData, { id: string }>`
  query DatasetPage_Dataset($id: ID!) {
    dataset(id: $id) {
      id
      name
      source
      labelRule
      textRule
      fingerprint
      synthetic
      project {
        id
        name
      }
      splits {
        name
        rows
        sha256
        labels {
          label
          count
        }
      }
      quality {
        rowsRead
        rowsKept
        rowsDropped
        keptPerLabel {
          label
          count
        }
        dropped {
          reason
          description
          count
          lines
        }
        majorityClass {
          label
          accuracy
          testAccuracy
        }
        scoreMentions {
          rows
          share
          stripped
        }
        gradeAgreement {
          compared
          disagreements
        }
        textLength {
          unit
          min
          p50
          p90
          p99
          max
          mean
        }
      }
    }
  }
`;

const labels = (counts: LabelCount[]) => counts.map(({ label, count }) => `${label}: ${formatInteger(count)}`).join(' · ');

/** What is in a dataset: the quality report of its import and its fingerprinted splits. */
export function DatasetPage({ datasetId }: { datasetId: string }) {
  const [{ data, error }] = useQuery({ query: DatasetPage_Dataset, variables: { id: datasetId } });
  if (error) return <ErrorNotice error={error} />;
  const dataset = data!.dataset;
  const quality = dataset.quality;
  return (
    <>
      <Breadcrumbs items={[{ href: '/', label: 'Projects' }, { href: `/projects/${dataset.project.id}`, label: dataset.project.name }, { label: dataset.name }]} />
      <h1>
        {dataset.name} {dataset.synthetic ? <span className="badge">synthetic</span> : null}
      </h1>
      <p className="muted break">
        {dataset.source} · <code>{dataset.labelRule}</code>
        {dataset.textRule ? (
          <>
            {' '}
            · <code>{dataset.textRule}</code>
          </>
        ) : null}
        {dataset.fingerprint ? <span className="mono small"> · fingerprint {dataset.fingerprint.slice(0, 16)}</span> : null}
      </p>
      <section className="panel" aria-labelledby="quality-title">
        <h2 id="quality-title">Data quality</h2>
        {!quality ? (
          <EmptyState title="No report">This dataset was recorded without importing a source; registerDataset imports one and reports on it.</EmptyState>
        ) : (
          <dl className="facts">
            <div>
              <dt>Rows read / kept / dropped</dt>
              <dd>
                {formatInteger(quality.rowsRead)} / {formatInteger(quality.rowsKept)} / {formatInteger(quality.rowsDropped)}
              </dd>
            </div>
            <div>
              <dt>Kept per label</dt>
              <dd>{labels(quality.keptPerLabel)}</dd>
            </div>
            <div>
              <dt>Majority-class baseline</dt>
              <dd>
                label {quality.majorityClass.label}: accuracy {formatPercent(quality.majorityClass.accuracy)}
                {quality.majorityClass.testAccuracy !== null ? ` (test ${formatPercent(quality.majorityClass.testAccuracy)})` : ''} — every model must beat it
              </dd>
            </div>
            <div>
              <dt>Texts stating their score</dt>
              <dd>
                {formatPercent(quality.scoreMentions.share)} ({formatInteger(quality.scoreMentions.rows)}){quality.scoreMentions.stripped ? ', stripped' : ', kept: a model can read the label off them'}
              </dd>
            </div>
            {quality.gradeAgreement ? (
              <div>
                <dt>grade3 / grade10 disagreements</dt>
                <dd>
                  {formatInteger(quality.gradeAgreement.disagreements)} of {formatInteger(quality.gradeAgreement.compared)}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>Text length ({quality.textLength.unit})</dt>
              <dd>
                median {formatInteger(quality.textLength.p50)}, p90 {formatInteger(quality.textLength.p90)}, p99 {formatInteger(quality.textLength.p99)}, max {formatInteger(quality.textLength.max)}
              </dd>
            </div>
          </dl>
        )}
        {quality && quality.dropped.some((drop) => drop.count > 0) ? (
          <div className="table-scroll">
          <table className="table">
            <caption className="muted small">Dropped rows by reason</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="hide-narrow">
                  First lines
                </th>
              </tr>
            </thead>
            <tbody>
              {quality.dropped.filter((drop) => drop.count > 0).map((drop) => (
                <tr key={drop.reason}>
                  <th scope="row">{drop.description}</th>
                  <td className="num">{formatInteger(drop.count)}</td>
                  <td className="hide-narrow mono small">{drop.lines.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="splits-title">
        <h2 id="splits-title">Splits</h2>
        {dataset.splits.length === 0 ? (
          <EmptyState title="No split files">Splits are materialised when a source is imported.</EmptyState>
        ) : (
          <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Split</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Per label</th>
                <th scope="col" className="hide-narrow">
                  SHA-256
                </th>
              </tr>
            </thead>
            <tbody>
              {dataset.splits.map((split) => (
                <tr key={split.name}>
                  <th scope="row">{split.name}</th>
                  <td className="num">{formatInteger(split.rows)}</td>
                  <td>{labels(split.labels)}</td>
                  <td className="hide-narrow mono small">{split.sha256.slice(0, 16)}</td>
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
