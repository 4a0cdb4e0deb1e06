'use client';

import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { gql, useClient } from '@urql/next';
import { describeError } from '@/lib/graphql-error';
import { formatMetric } from '@/lib/format';
import { EMPTY_FIELDS, toConstraints, type ConstraintFields, type RecommendationConstraints } from './recommendation-form';

type Decision = 'RECOMMENDED' | 'TIED_ON_QUALITY' | 'TOO_THIN' | 'NONE_ELIGIBLE' | 'NO_DATA';

interface Recommendation {
  decision: Decision;
  method: string | null;
  summary: string;
  reasons: string[];
  tiedWith: string[];
  evidence: Array<{ runId: string; method: string; seed: number; measure: string; value: number }>;
  candidates: Array<{ method: string; eligible: boolean; quality: number | null; failed: string[] }>;
}

export const RecommendationPanel_Recommend = gql<
  { recommendMethod: Recommendation },
  { studyId: string; constraints: RecommendationConstraints; options: { qualityMetric: string } }
>`
  query RecommendationPanel_Recommend($studyId: ID!, $constraints: RecommendationConstraintsInput, $options: AnalysisOptionsInput) {
    recommendMethod(studyId: $studyId, constraints: $constraints, options: $options) {
      decision
      method
      summary
      reasons
      tiedWith
      evidence {
        runId
        method
        seed
        measure
        value
      }
      candidates {
        method
        eligible
        quality
        failed
      }
    }
  }
`;

const DECISION_TEXT: Record<Decision, string> = {
  RECOMMENDED: 'Recommended',
  TIED_ON_QUALITY: 'Tied on quality',
  TOO_THIN: 'Too thin',
  NONE_ELIGIBLE: 'None eligible',
  NO_DATA: 'No data',
};

const FIELDS: Array<{ name: keyof ConstraintFields; label: string; placeholder: string; mode: 'numeric' | 'decimal' | 'text' }> = [
  { name: 'timeBudgetMinutes', label: 'Time budget (minutes)', placeholder: 'e.g. 30', mode: 'decimal' },
  { name: 'gpuMemoryGiB', label: 'GPU memory (GiB)', placeholder: 'e.g. 16', mode: 'decimal' },
  { name: 'trainableParameterBudget', label: 'Trainable parameters', placeholder: 'e.g. 2M', mode: 'text' },
  { name: 'minQuality', label: 'Minimum macro-F1', placeholder: 'e.g. 0.85', mode: 'decimal' },
  { name: 'latencyBudgetMs', label: 'Latency budget (ms)', placeholder: 'e.g. 50', mode: 'decimal' },
];

/** Constraints in, `recommendMethod` out: the decision, why, and the runs it rests on. */
export function RecommendationPanel({ studyId, qualityMetric }: { studyId: string; qualityMetric: string }) {
  const client = useClient();
  const formId = useId();
  const [fields, setFields] = useState<ConstraintFields>(EMPTY_FIELDS);
  const [errors, setErrors] = useState<Partial<Record<keyof ConstraintFields, string>>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ recommendation: Recommendation } | { error: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = toConstraints(fields);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    setBusy(true);
    const response = await client
      .query(RecommendationPanel_Recommend, { studyId, constraints: parsed.constraints, options: { qualityMetric } }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    setResult(response.data ? { recommendation: response.data.recommendMethod } : { error: response.error ? describeError(response.error) : 'No answer from the API.' });
  };

  return (
    <div className="analysis__block recommend" data-testid="recommendation">
      <h3 className="analysis__subtitle" id={`${formId}-title`}>
        Recommendation
      </h3>
      <form className="recommend__form" aria-labelledby={`${formId}-title`} onSubmit={(event) => void submit(event)} noValidate>
        <div className="recommend__fields">
          {FIELDS.map((field) => (
            <div className="field" key={field.name}>
              <label className="field__label" htmlFor={`${formId}-${field.name}`}>
                {field.label}
              </label>
              <input
                id={`${formId}-${field.name}`}
                name={field.name}
                inputMode={field.mode}
                placeholder={field.placeholder}
                value={fields[field.name]}
                aria-invalid={errors[field.name] ? true : undefined}
                aria-describedby={errors[field.name] ? `${formId}-${field.name}-error` : undefined}
                onChange={(event) => setFields((current) => ({ ...current, [field.name]: event.target.value }))}
              />
              {errors[field.name] ? (
                <span id={`${formId}-${field.name}-error`} className="field__error">
                  {errors[field.name]}
                </span>
              ) : null}
            </div>
          ))}
        </div>
        <div className="button-row">
          <button type="submit" className="button button--small" disabled={busy}>
            {busy ? 'Deciding…' : 'Recommend a method'}
          </button>
          <span className="small muted">Empty fields are no constraint.</span>
        </div>
      </form>
      <div aria-live="polite">
        {result && 'error' in result ? (
          <p className="state--error small" role="alert">
            {result.error}
          </p>
        ) : result ? (
          <RecommendationResult recommendation={result.recommendation} />
        ) : null}
      </div>
    </div>
  );
}

function RecommendationResult({ recommendation }: { recommendation: Recommendation }) {
  const { decision } = recommendation;
  return (
    <div className="recommend__result" data-decision={decision}>
      <p className="recommend__summary">
        <span className={`badge decision decision--${decision.toLowerCase().replace(/_/g, '-')}`} data-testid="decision">
          {DECISION_TEXT[decision]}
        </span>{' '}
        {recommendation.summary}
      </p>
      {recommendation.reasons.length > 0 ? (
        <ul className="recommend__reasons small">
          {recommendation.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      {recommendation.evidence.length > 0 ? (
        <p className="small muted">
          Evidence:{' '}
          {recommendation.evidence.map((item, index) => (
            <span key={`${item.runId}-${item.measure}`}>
              {index > 0 ? ' · ' : ''}
              <Link href={`/runs/${encodeURIComponent(item.runId)}`}>
                {item.method} seed {item.seed}
              </Link>{' '}
              {item.measure} {formatMetric(item.value)}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
