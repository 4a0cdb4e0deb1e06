'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { gql, useMutation } from '@urql/next';
import type { CombinedError } from 'urql';
import { ErrorNotice } from '@/components/query-states';
import { formatInteger, formatPercent } from '@/lib/format';
import { fieldIssues } from '@/lib/graphql-error';
import {
  baseModelSuggestions,
  buildStudyInput,
  chosenMethods,
  type CreateStudyInput,
  describeLabelRule,
  describeTextRule,
  familyOf,
  type FieldIssue,
  formFieldOf,
  formFields,
  groupIssues,
  HYPERPARAMETER_LABELS,
  type HyperparameterField,
  hyperparameterFields,
  initialDraft,
  METHOD_LABELS,
  METHODS,
  type Method,
  methodFieldKey,
  seedTokens,
  shortMessage,
  type StudyDraft,
  type UsedBaseModel,
} from './new-study-model';

export interface NewStudyDataset {
  id: string;
  name: string;
  source: string;
  labelRule: string;
  textRule: string | null;
  imported: boolean;
  rowCounts: Record<string, unknown> | null;
  split: { seed: number; trainFraction: number; validationFraction: number; testFraction: number };
}

interface CreateStudyData {
  createStudy: { id: string; name: string };
}

export const NewStudyForm_CreateStudy = gql<CreateStudyData, { input: CreateStudyInput }>`
  mutation NewStudyForm_CreateStudy($input: CreateStudyInput!) {
    createStudy(input: $input) {
      id
      name
    }
  }
`;

const FAMILY_HINT: Record<'bert' | 'mamba', string> = { bert: 'BERT backbone', mamba: 'Mamba backbone' };

const NUMERIC_MODE: Record<HyperparameterField, 'numeric' | 'decimal' | 'text'> = {
  epochs: 'numeric',
  batchSize: 'numeric',
  learningRate: 'decimal',
  loraR: 'numeric',
  loraAlpha: 'decimal',
  loraTargetModules: 'text',
};

/** createStudy from the browser: dataset, methods with their base model and hyperparameters, seeds, length. */
export function NewStudyForm({
  projectId,
  projectHref,
  datasets,
  usedBaseModels,
}: {
  projectId: string;
  projectHref: string;
  datasets: readonly NewStudyDataset[];
  usedBaseModels: readonly UsedBaseModel[];
}) {
  const router = useRouter();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<StudyDraft>(() => initialDraft(datasets.length === 1 ? datasets[0].id : '', usedBaseModels));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [navigating, setNavigating] = useState(false);
  const [{ fetching }, createStudy] = useMutation(NewStudyForm_CreateStudy);

  const methods = chosenMethods(draft);
  const fieldKeys = formFields(methods);
  const { byField, general } = groupIssues(issues, new Set(fieldKeys));
  const suggestions = useMemo(
    () => ({ bert: baseModelSuggestions('full', usedBaseModels), mamba: baseModelSuggestions('mamba', usedBaseModels) }),
    [usedBaseModels],
  );
  const dataset = datasets.find((d) => d.id === draft.datasetId) ?? null;
  const seedCount = new Set(seedTokens(draft.seeds)).size;

  // After a failed attempt, take the keyboard to the first field to fix (or to the summary when no field is named).
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summaryRef.current)?.focus();
  }, [attempt]);

  const domId = (key: string) => `${formId}-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const errorId = (key: string) => `${domId(key)}-error`;
  const invalid = (key: string) => (byField.has(key) ? { 'aria-invalid': true as const, 'aria-describedby': errorId(key) } : {});
  const problem = (key: string, shorten = false): ReactNode =>
    byField.has(key) ? (
      <span id={errorId(key)} className="field__error">
        {byField
          .get(key)!
          .map((message) => (shorten ? shortMessage(message) : message))
          .join(' ')}
      </span>
    ) : null;

  /** Editing a field clears its own problems; toggling a method renumbers methods[i], so it clears theirs. */
  function update(change: (draft: StudyDraft) => StudyDraft, clears: (field: string) => boolean) {
    setDraft(change);
    setIssues((current) => current.filter((issue) => !clears(formFieldOf(issue.field))));
  }
  const setField = (key: 'datasetId' | 'name' | 'description' | 'seeds' | 'maxSeqLength', value: string) =>
    update((d) => ({ ...d, [key]: value }), (field) => field === key);
  const setMethod = (method: Method, change: Partial<StudyDraft['methods'][Method]>, clears: (field: string) => boolean) =>
    update((d) => ({ ...d, methods: { ...d.methods, [method]: { ...d.methods[method], ...change } } }), clears);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const built = buildStudyInput(projectId, draft);
    if (!built.ok) {
      setIssues(built.issues);
      setAttempt((n) => n + 1);
      return;
    }
    setIssues([]);
    const result = await createStudy({ input: built.input });
    if (result.data) {
      setNavigating(true);
      router.push(`/studies/${encodeURIComponent(result.data.createStudy.id)}`);
      return;
    }
    if (result.error) {
      const named = fieldIssues(result.error);
      if (named.length > 0) setIssues(named);
      else setFailure(result.error);
      setAttempt((n) => n + 1);
    }
  }

  const labelOf = (field: string): string => {
    const key = formFieldOf(field);
    const method = /^methods\[(\d+)\]\.(?:hyperparameters\.)?(\w+)/.exec(key);
    if (method) {
      const name = methods[Number(method[1])];
      const label = method[2] === 'baseModel' ? 'Base model' : (HYPERPARAMETER_LABELS[method[2] as HyperparameterField] ?? method[2]);
      return name ? `${label} (${METHOD_LABELS[name]})` : label;
    }
    const labels: Record<string, string> = {
      datasetId: 'Dataset',
      name: 'Name',
      description: 'Description',
      methods: 'Methods',
      seeds: 'Seeds',
      maxSeqLength: 'Max sequence length',
    };
    return labels[key] ?? key.replace(/^input\./, '');
  };

  const busy = fetching || navigating;
  // Every problem once, in page order, for the summary by the button.
  const allIssues: Array<{ key: string | null; field: string; message: string }> = [
    ...fieldKeys.flatMap((key) => (byField.get(key) ?? []).map((message) => ({ key, field: key, message: shortMessage(message) }))),
    ...general.map((issue) => ({ key: null, field: issue.field.replace(/^input\./, ''), message: issue.message })),
  ];

  return (
    <form ref={formRef} className="form new-study" onSubmit={onSubmit} noValidate aria-label="New study">
      <section className="panel" aria-labelledby={`${formId}-about`}>
        <h2 id={`${formId}-about`}>Study</h2>
        <div className="form-grid">
          <div className="field field--span2">
            <label className="field__label" htmlFor={domId('datasetId')}>
              Dataset
            </label>
            <select id={domId('datasetId')} value={draft.datasetId} onChange={(e) => setField('datasetId', e.target.value)} {...invalid('datasetId')}>
              {datasets.length > 1 || draft.datasetId === '' ? <option value="">Choose a dataset…</option> : null}
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {problem('datasetId')}
          </div>
          <div className="field field--span2">
            <label className="field__label" htmlFor={domId('name')}>
              Name
            </label>
            <input id={domId('name')} value={draft.name} maxLength={200} autoComplete="off" placeholder="BERT vs LoRA vs Mamba" onChange={(e) => setField('name', e.target.value)} {...invalid('name')} />
            {problem('name')}
          </div>
          <div className="field field--full">
            <label className="field__label" htmlFor={domId('description')}>
              Description (optional)
            </label>
            <textarea
              id={domId('description')}
              rows={2}
              maxLength={2000}
              value={draft.description}
              placeholder="What the study should answer, e.g. does LoRA match full fine-tuning at a tenth of the memory?"
              onChange={(e) => setField('description', e.target.value)}
              {...invalid('description')}
            />
            {problem('description')}
          </div>
        </div>
        <DatasetRules dataset={dataset} />
      </section>

      <section className="panel" aria-labelledby={`${formId}-methods`}>
        <h2 id={`${formId}-methods`}>Methods</h2>
        <div
          className="method-choices"
          role="group"
          aria-labelledby={`${formId}-methods`}
          aria-describedby={byField.has('methods') ? errorId('methods') : undefined}
          data-invalid={byField.has('methods') || undefined}
        >
          {METHODS.map((method) => (
            <label key={method} className="method-choice">
              <input
                type="checkbox"
                checked={draft.methods[method].chosen}
                aria-invalid={byField.has('methods') || undefined}
                onChange={(e) => setMethod(method, { chosen: e.target.checked }, (field) => field === 'methods' || field.startsWith('methods['))}
              />
              <span className="method-choice__text">
                <span className="method-choice__label">{METHOD_LABELS[method]}</span>
                <span className="muted small">
                  <code>{method}</code> · {FAMILY_HINT[familyOf(method)]}
                </span>
              </span>
            </label>
          ))}
        </div>
        {problem('methods')}

        <datalist id={`${formId}-models-bert`}>
          {suggestions.bert.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
        <datalist id={`${formId}-models-mamba`}>
          {suggestions.mamba.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>

        {methods.length === 0 ? (
          <p className="muted small method-hint">Choose one or more methods; each gets its base model and hyperparameters here.</p>
        ) : (
          <div className="method-boxes">
            {methods.map((method, index) => {
              const form = draft.methods[method];
              const modelKey = methodFieldKey(index, 'baseModel');
              return (
                <fieldset key={method} className="method-box" data-method={method}>
                  <legend>
                    {METHOD_LABELS[method]} <code className="muted">{method}</code>
                  </legend>
                  <div className="form-grid">
                    <div className="field field--full">
                      <label className="field__label" htmlFor={domId(modelKey)}>
                        Base model
                      </label>
                      <input
                        id={domId(modelKey)}
                        list={`${formId}-models-${familyOf(method)}`}
                        value={form.baseModel}
                        spellCheck={false}
                        autoComplete="off"
                        onChange={(e) => setMethod(method, { baseModel: e.target.value }, (field) => field === modelKey)}
                        {...invalid(modelKey)}
                      />
                      {problem(modelKey, true)}
                    </div>
                    {hyperparameterFields(method).map((key) => {
                      const fieldKey = methodFieldKey(index, key);
                      return (
                        <div key={key} className={key === 'loraTargetModules' ? 'field field--span2' : 'field'}>
                          <label className="field__label" htmlFor={domId(fieldKey)}>
                            {HYPERPARAMETER_LABELS[key]}
                          </label>
                          <input
                            id={domId(fieldKey)}
                            inputMode={NUMERIC_MODE[key]}
                            spellCheck={false}
                            autoComplete="off"
                            value={form.hyperparameters[key]}
                            placeholder={key === 'loraTargetModules' ? 'query, value' : undefined}
                            onChange={(e) =>
                              setMethod(method, { hyperparameters: { ...form.hyperparameters, [key]: e.target.value } }, (field) => field === fieldKey)
                            }
                            {...invalid(fieldKey)}
                          />
                          {problem(fieldKey, true)}
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              );
            })}
            <p className="muted small method-hint">
              Prefilled with each method’s defaults; warm-up, weight decay, dropout and pooling keep theirs. Base models: a local path or a model id in the
              worker’s Hugging Face cache.
            </p>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby={`${formId}-protocol`}>
        <h2 id={`${formId}-protocol`}>Seeds and length</h2>
        <div className="form-grid">
          <div className="field field--span2">
            <label className="field__label" htmlFor={domId('seeds')}>
              Seeds (comma-separated)
            </label>
            <input id={domId('seeds')} value={draft.seeds} spellCheck={false} autoComplete="off" placeholder="1, 2, 3" onChange={(e) => setField('seeds', e.target.value)} {...invalid('seeds')} />
            {problem('seeds')}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={domId('maxSeqLength')}>
              Max sequence length
            </label>
            <input id={domId('maxSeqLength')} inputMode="numeric" value={draft.maxSeqLength} onChange={(e) => setField('maxSeqLength', e.target.value)} {...invalid('maxSeqLength')} />
            {problem('maxSeqLength')}
          </div>
        </div>
        <p className="muted small method-hint">Every method trains once per seed; texts are cut at the max sequence length in tokens.</p>
      </section>

      <div className="new-study__submit">
        <div ref={summaryRef} tabIndex={-1} aria-live="polite" className="new-study__status">
          {allIssues.length > 0 ? (
            <div className="state state--error" role="alert">
              <p className="state__title">{allIssues.length === 1 ? 'Fix this before creating the study:' : `Fix these ${allIssues.length} problems before creating the study:`}</p>
              <ul className="issue-list">
                {allIssues.map((issue, i) => (
                  <li key={`${issue.field}-${i}`}>
                    {issue.key ? <a href={`#${domId(issue.key)}`}>{labelOf(issue.key)}</a> : <code>{issue.field}</code>}: {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {failure ? <ErrorNotice title="Could not create the study" error={failure} /> : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating…' : 'Create study'}
          </button>
          <Link href={projectHref} className="button button--ghost">
            Cancel
          </Link>
          <span className="muted small" data-testid="run-count">
            {methods.length > 0 && seedCount > 0
              ? `Queues ${formatInteger(methods.length * seedCount)} runs: ${methods.length} method${methods.length === 1 ? '' : 's'} × ${seedCount} seed${seedCount === 1 ? '' : 's'}.`
              : 'Choose methods and seeds to queue runs.'}
          </span>
        </div>
      </div>
    </form>
  );
}

/** The chosen dataset's rules, read-only: they belong to the dataset, and every run of the study uses them. */
function DatasetRules({ dataset }: { dataset: NewStudyDataset | null }) {
  if (!dataset) return <p className="muted small rules__none">Choose a dataset to see its label and text rules.</p>;
  const rows = dataset.rowCounts
    ? Object.entries(dataset.rowCounts)
        .filter(([, n]) => typeof n === 'number')
        .map(([split, n]) => `${split} ${formatInteger(n as number)}`)
        .join(', ')
    : '';
  return (
    <div className="rules" data-testid="dataset-rules">
      <p className="rules__title">
        Rules of <Link href={`/datasets/${encodeURIComponent(dataset.id)}`}>{dataset.name}</Link>{' '}
        <span className="muted small">(set on the dataset; every run of the study uses them)</span>
      </p>
      <dl className="rules__list">
        <div>
          <dt>Label rule</dt>
          <dd>
            <code data-field="labelRule">{dataset.labelRule}</code> <span className="muted">{describeLabelRule(dataset.labelRule)}</span>
          </dd>
        </div>
        <div>
          <dt>Text rule</dt>
          <dd>
            {dataset.textRule ? <code data-field="textRule">{dataset.textRule}</code> : null} <span className="muted">{describeTextRule(dataset.textRule)}</span>
          </dd>
        </div>
        <div>
          <dt>Split</dt>
          <dd>
            {formatPercent(dataset.split.trainFraction)} / {formatPercent(dataset.split.validationFraction)} / {formatPercent(dataset.split.testFraction)} (train / validation / test), seed{' '}
            {dataset.split.seed}
            {dataset.imported ? (rows ? ` · ${rows}` : '') : ' · not imported yet'}
          </dd>
        </div>
      </dl>
    </div>
  );
}
