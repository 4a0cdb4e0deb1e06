'use client';

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { gql, useClient } from '@urql/next';
import type { CombinedError } from 'urql';
import { ErrorNotice } from '@/components/query-states';
import type { RunStatus } from '@/components/status-badge';
import { formatBytes, formatInteger } from '@/lib/format';
import { fieldIssues } from '@/lib/graphql-error';
import { className, describeIssue, MAX_TRY_TEXTS, noModelReason, reviewsProblem, splitReviews } from './try-it-model';

export interface RunModel {
  bytes: number;
  maxLength: number;
  numLabels: number;
  files: Array<{ name: string }>;
}

export const TryItBox_Run = gql`
  fragment TryItBox_Run on Run {
    model {
      bytes
      maxLength
      numLabels
      files {
        name
      }
    }
  }
`;

interface Prediction {
  label: number;
  labelName: string;
  probabilities: number[];
  tokens: number;
  truncated: boolean;
}

export const TryItBox_Predict = gql<{ predict: Prediction[] }, { runId: string; texts: string[] }>`
  query TryItBox_Predict($runId: ID!, $texts: [String!]!) {
    predict(runId: $runId, texts: $texts) {
      label
      labelName
      probabilities
      tokens
      truncated
    }
  }
`;

interface Classified {
  text: string;
  prediction: Prediction;
}

/** Classify reviews with the run's exported model: the label, a probability bar per class, the tokens read. */
export function TryItBox({ runId, status, model, onCheckAgain }: { runId: string; status: RunStatus; model: RunModel | null; onCheckAgain?: () => void }) {
  const titleId = useId();
  return (
    <section className="panel try-it" aria-labelledby={titleId} data-testid="try-it">
      <h2 id={titleId}>Try it</h2>
      {model ? (
        <TryItForm runId={runId} model={model} />
      ) : (
        <div className="button-row">
          <p className="muted try-it__none" data-testid="try-it-unavailable">
            {noModelReason(status)}
          </p>
          {/* An upload sends no run event: a worker that exports after completing shows up on request. */}
          {onCheckAgain && (status === 'RUNNING' || status === 'SUCCEEDED') ? (
            <button type="button" className="button button--ghost button--small" onClick={onCheckAgain}>
              Check again
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

function TryItForm({ runId, model }: { runId: string; model: RunModel }) {
  const client = useClient();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string[]>([]);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [results, setResults] = useState<Classified[] | null>(null);
  const [fetching, setFetching] = useState(false);
  const count = splitReviews(text).length;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const texts = splitReviews(text);
    const local = reviewsProblem(texts);
    setFailure(null);
    if (local) {
      setProblem([local]);
      return;
    }
    setProblem([]);
    setFetching(true);
    // A query, but one a person triggers: asked once, never cached, never suspending the page.
    const result = await client.query(TryItBox_Predict, { runId, texts }, { requestPolicy: 'network-only' }).toPromise();
    setFetching(false);
    if (result.data) {
      setResults(result.data.predict.map((prediction, i) => ({ text: texts[i], prediction })));
    } else if (result.error) {
      const issues = fieldIssues(result.error);
      if (issues.length > 0) setProblem(issues.map(describeIssue));
      else setFailure(result.error);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const files = model.files.map((file) => file.name).join(', ');
  return (
    <>
      <p className="muted small try-it__model" data-testid="try-it-model">
        ONNX export · {model.numLabels} labels · reads up to {formatInteger(model.maxLength)} tokens · {formatBytes(model.bytes)}
        <span className="try-it__files"> ({files})</span>
      </p>
      <form className="form try-it__form" onSubmit={onSubmit} noValidate>
        <div className="field field--full">
          <label className="field__label" htmlFor={`${id}-texts`}>
            Review text
          </label>
          <textarea
            id={`${id}-texts`}
            rows={4}
            value={text}
            placeholder={'Отличный фильм, пересмотрю ещё раз.\n\nСкучно и затянуто.'}
            aria-describedby={`${id}-hint${problem.length ? ` ${id}-error` : ''}`}
            aria-invalid={problem.length > 0 || undefined}
            onChange={(e) => {
              setText(e.target.value);
              setProblem([]);
            }}
            onKeyDown={onKeyDown}
          />
          <span id={`${id}-hint`} className="muted small">
            One review, or several separated by a blank line (up to {MAX_TRY_TEXTS}). Ctrl+Enter classifies.
          </span>
          {problem.length ? (
            <span id={`${id}-error`} className="field__error" role="alert">
              {problem.join(' ')}
            </span>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={fetching}>
            {fetching ? 'Classifying…' : 'Classify'}
          </button>
          <span className="muted small">{count > 1 ? `${count} reviews` : null}</span>
        </div>
      </form>
      {failure ? <ErrorNotice title="Could not classify" error={failure} /> : null}
      <div aria-live="polite" aria-busy={fetching}>
        {results ? (
          <ol className="predictions" aria-label="Predictions">
            {results.map((result, i) => (
              <PredictionItem key={i} result={result} maxLength={model.maxLength} />
            ))}
          </ol>
        ) : null}
      </div>
    </>
  );
}

function PredictionItem({ result: { text, prediction }, maxLength }: { result: Classified; maxLength: number }) {
  return (
    <li className="prediction" data-label={prediction.label}>
      <div className="prediction__head">
        <span className={`badge prediction__label prediction__label--${prediction.label === 1 ? 'positive' : prediction.label === 0 ? 'negative' : 'other'}`} data-field="label">
          {prediction.labelName}
        </span>
        <q className="prediction__text">{text.length > 240 ? `${text.slice(0, 240)}…` : text}</q>
      </div>
      <ul className="probabilities" aria-label="Probabilities">
        {prediction.probabilities.map((p, label) => (
          <li key={label} className={label === prediction.label ? 'probability probability--top' : 'probability'} data-class={label}>
            <span className="probability__name">{className(label)}</span>
            <span className="probability__track" aria-hidden="true">
              <span className="probability__fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
            </span>
            <span className="probability__value" data-field="probability">
              {(p * 100).toFixed(1)}%
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small prediction__tokens" data-field="tokens">
        {formatInteger(prediction.tokens)} tokens
        {prediction.truncated ? <span className="prediction__cut"> · cut at {formatInteger(maxLength)} tokens: the rest of the text was not read</span> : null}
      </p>
    </li>
  );
}
