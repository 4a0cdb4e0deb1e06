'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef } from 'react';
import { gql, useQuery } from '@urql/next';
import { useBackgroundRefetch } from '@/lib/use-background-refetch';
import { EmptyState, ErrorNotice, Loading } from '@/components/query-states';
import { SelectField } from '@/components/select-field';
import type { StudyAnalysisData } from './analysis-types';
import { analysisViewSearch, COST_CHOICES, parseAnalysisView, qualityChoices } from './analysis-view-state';
import { MethodTable } from './method-table';
import { PairedComparisons } from './paired-comparisons';
import { RecommendationPanel } from './recommendation-panel';
import { ReportExport } from './report-export';
import { TradeoffChart } from './tradeoff-chart';

const INTERVAL_FIELDS = 'score metricKey estimate low high confidence runs';

export const StudyAnalysis_Analysis = gql<{ studyAnalysis: StudyAnalysisData }, { studyId: string; options: { paretoCosts: string[]; qualityMetric: string } }>`
  query StudyAnalysis_Analysis($studyId: ID!, $options: AnalysisOptionsInput) {
    studyAnalysis(studyId: $studyId, options: $options) {
      qualityMetric
      cohortRunIds
      baseline {
        label
        accuracy
        balancedAccuracy
        f1Macro
        testRows
      }
      comparability {
        comparable
        reason
      }
      methods {
        method
        label
        shortLabel
        seeds
        runIds
        quality {
          key
          mean
          std
          n
        }
        metrics {
          key
          mean
          std
          n
        }
        intervals {
          ${INTERVAL_FIELDS}
        }
        costs {
          axis
          mean
          std
          max
          n
        }
        runs {
          runId
          seed
          quality
          intervals {
            ${INTERVAL_FIELDS}
          }
          costs {
            trainSeconds
            gpuHours
            peakMemoryBytes
            trainableParameters
            totalParameters
            inferenceLatencyMs
            inferenceThroughput
          }
        }
      }
      comparisons {
        methodA
        methodB
        score
        significant
        verdict
        mcnemar {
          seed
          pValue
          onlyA
          onlyB
          method
          runIdA
          runIdB
        }
      }
      excluded {
        runId
        method
        seed
        reason
      }
      pareto {
        costAxes
        qualityMetric
        runs {
          key
          method
          runId
          quality
          costs
          dominatedBy
        }
        unplaced
      }
    }
  }
`;

/**
 * The study's runs as evidence: the method table, the trade-off chart, paired comparisons, a recommendation
 * under constraints and the report export. `finishedKey` changes when a run finishes, which refetches.
 */
export function StudyAnalysis({
  studyId,
  studyMetrics,
  primaryMetric,
  finishedKey,
  finalMetrics,
}: {
  studyId: string;
  studyMetrics: readonly string[];
  primaryMetric: string;
  finishedKey: string;
  /** The study's runs' final metrics by run id (the study page has them), for the method table's run rows. */
  finalMetrics: ReadonlyMap<string, Record<string, unknown> | null>;
}) {
  const params = useSearchParams();
  const pathname = usePathname();
  const choices = qualityChoices(studyMetrics);
  const fallbackQuality = choices.includes(primaryMetric) ? primaryMetric : choices[0];
  const view = parseAnalysisView(params, choices, fallbackQuality);
  const setView = useCallback(
    (patch: { cost?: string; quality?: string }) => {
      const query = analysisViewSearch(params.toString(), patch, fallbackQuality);
      // Next's router follows history.replaceState without a server round trip (the page is dynamic).
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [params, pathname, fallbackQuality],
  );

  const [{ data, error, fetching }, refetch] = useQuery({
    query: StudyAnalysis_Analysis,
    variables: { studyId, options: { paretoCosts: [view.cost.axis], qualityMetric: view.qualityMetric } },
    requestPolicy: 'cache-and-network',
  });
  const refetchInBackground = useBackgroundRefetch(StudyAnalysis_Analysis, { studyId, options: { paretoCosts: [view.cost.axis], qualityMetric: view.qualityMetric } });

  const seenKey = useRef(finishedKey);
  useEffect(() => {
    if (seenKey.current === finishedKey) return;
    seenKey.current = finishedKey;
    refetchInBackground();
  }, [finishedKey, refetchInBackground]);

  const controls = (
    <div className="filters">
      <SelectField
        label="Quality"
        value={view.qualityMetric}
        options={choices.map((metric) => ({ value: metric, label: metric }))}
        onChange={(quality) => setView({ quality })}
      />
      <SelectField
        label="Cost axis"
        value={view.cost.param}
        options={COST_CHOICES.map((choice) => ({ value: choice.param, label: choice.label }))}
        onChange={(cost) => setView({ cost })}
      />
    </div>
  );

  let body;
  if (error && !data) {
    body = <ErrorNotice title="Could not load the analysis" error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  } else if (!data) {
    body = <Loading label="Analysing runs…" />;
  } else if (data.studyAnalysis.methods.length === 0) {
    body = (
      <EmptyState title="No succeeded runs yet">
        The analysis appears once runs succeed: per-method statistics, the cost/quality trade-off and paired tests.
        {data.studyAnalysis.excluded.length > 0 ? <ExcludedLine analysis={data.studyAnalysis} /> : null}
      </EmptyState>
    );
  } else {
    const analysis = data.studyAnalysis;
    body = (
      <>
        <MethodTable analysis={analysis} finalMetrics={finalMetrics} />
        <ExcludedLine analysis={analysis} />
        <TradeoffChart analysis={analysis} cost={view.cost} stale={fetching} />
        <PairedComparisons analysis={analysis} />
      </>
    );
  }

  return (
    <section className="panel analysis" aria-labelledby="analysis-title" data-testid="study-analysis">
      <div className="panel__header">
        <h2 id="analysis-title">Analysis</h2>
        {controls}
      </div>
      {body}
      <div className="analysis__tools">
        <RecommendationPanel studyId={studyId} qualityMetric={view.qualityMetric} />
        <ReportExport studyId={studyId} qualityMetric={view.qualityMetric} />
      </div>
    </section>
  );
}

function ExcludedLine({ analysis }: { analysis: StudyAnalysisData }) {
  if (analysis.excluded.length === 0) return null;
  return (
    <p className="small muted analysis__excluded" data-testid="analysis-excluded">
      <strong>Left out ({analysis.excluded.length}):</strong>{' '}
      {analysis.excluded.map((run, index) => (
        <span key={run.runId}>
          {index > 0 ? '; ' : ''}
          <Link href={`/runs/${encodeURIComponent(run.runId)}`}>
            {run.method} seed {run.seed}
          </Link>{' '}
          — {run.reason}
        </span>
      ))}
    </p>
  );
}
