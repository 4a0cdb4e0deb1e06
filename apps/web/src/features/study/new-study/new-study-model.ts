// Deep imports: these core modules are pure (no node:crypto), so they bundle for the browser; the package index
// would pull in the dataset and token code as well.
import { defaultHyperparameters } from '@tunelab/core/dist/hyperparameters';
import { type Method, METHOD_LABELS, METHODS, usesLora, usesMamba } from '@tunelab/core/dist/methods';
import { DEFAULT_SEED } from '@tunelab/core/dist/seeds';
import { DEFAULT_MAX_SEQ_LENGTH, planStudy } from '@tunelab/core/dist/study-plan';
import { type FieldIssue, formatNumber } from '@tunelab/core/dist/validation';

export { METHODS, METHOD_LABELS, type Method, type FieldIssue };

/** Suggested when the project has not used a model of the family yet. */
export const BERT_BASE_MODEL = 'DeepPavlov/rubert-base-cased';
export const MAMBA_BASE_MODEL = 'state-spaces/mamba-130m-hf';

export type Family = 'bert' | 'mamba';

export function familyOf(method: Method): Family {
  return usesMamba(method) ? 'mamba' : 'bert';
}

/** The hyperparameters the form shows; the API fills the rest from the method's defaults. */
export type HyperparameterField = 'epochs' | 'batchSize' | 'learningRate' | 'loraR' | 'loraAlpha' | 'loraTargetModules';

export const HYPERPARAMETER_LABELS: Record<HyperparameterField, string> = {
  epochs: 'Epochs',
  batchSize: 'Batch size',
  learningRate: 'Learning rate',
  loraR: 'LoRA r',
  loraAlpha: 'LoRA alpha',
  loraTargetModules: 'LoRA target modules',
};

export function hyperparameterFields(method: Method): HyperparameterField[] {
  const common: HyperparameterField[] = ['epochs', 'batchSize', 'learningRate'];
  return usesLora(method) ? [...common, 'loraR', 'loraAlpha', 'loraTargetModules'] : common;
}

export interface MethodDraft {
  chosen: boolean;
  baseModel: string;
  /** As typed: numbers stay text until the form is sent, so "2e-5" reads as written. */
  hyperparameters: Record<HyperparameterField, string>;
}

export interface StudyDraft {
  datasetId: string;
  name: string;
  description: string;
  /** Comma-separated. */
  seeds: string;
  maxSeqLength: string;
  methods: Record<Method, MethodDraft>;
}

export interface UsedBaseModel {
  method: string;
  baseModel: string;
}

/**
 * Base models to offer for a method: those this project's runs of the same family already used (most used
 * first), then the family's public default.
 */
export function baseModelSuggestions(method: Method, used: readonly UsedBaseModel[]): string[] {
  const family = familyOf(method);
  const counts = new Map<string, number>();
  for (const run of used) {
    if (!(METHODS as readonly string[]).includes(run.method) || familyOf(run.method as Method) !== family) continue;
    const model = run.baseModel.trim();
    if (model) counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([model]) => model);
  const fallback = family === 'mamba' ? MAMBA_BASE_MODEL : BERT_BASE_MODEL;
  return ranked.includes(fallback) ? ranked : [...ranked, fallback];
}

export function initialMethodDraft(method: Method, baseModel: string): MethodDraft {
  const defaults = defaultHyperparameters(method);
  return {
    chosen: false,
    baseModel,
    hyperparameters: {
      epochs: String(defaults.epochs),
      batchSize: String(defaults.batchSize),
      learningRate: formatNumber(defaults.learningRate),
      loraR: defaults.loraR === undefined ? '' : String(defaults.loraR),
      loraAlpha: defaults.loraAlpha === undefined ? '' : formatNumber(defaults.loraAlpha),
      loraTargetModules: (defaults.loraTargetModules ?? []).join(', '),
    },
  };
}

export function initialDraft(datasetId: string, used: readonly UsedBaseModel[]): StudyDraft {
  const methods = Object.fromEntries(METHODS.map((method) => [method, initialMethodDraft(method, baseModelSuggestions(method, used)[0])])) as Record<Method, MethodDraft>;
  return { datasetId, name: '', description: '', seeds: String(DEFAULT_SEED), maxSeqLength: String(DEFAULT_MAX_SEQ_LENGTH), methods };
}

export function chosenMethods(draft: StudyDraft): Method[] {
  return METHODS.filter((method) => draft.methods[method].chosen);
}

/** Seeds as typed: "1, 2 3" → ["1", "2", "3"]. */
export function seedTokens(text: string): string[] {
  return text.split(/[\s,;]+/).filter((token) => token !== '');
}

export interface CreateStudyInput {
  projectId: string;
  datasetId: string;
  name: string;
  description: string | null;
  seeds: number[];
  maxSeqLength: number;
  methods: Array<{
    method: Method;
    baseModel: string;
    hyperparameters: { epochs: number; batchSize: number; learningRate: number; loraR?: number; loraAlpha?: number; loraTargetModules?: string[] };
  }>;
}

export type BuiltStudy = { ok: true; input: CreateStudyInput } | { ok: false; issues: FieldIssue[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number when the text is one; else the text itself, so core's rule names what was typed ("got \"1,5\""). */
function parseNumber(text: string): number | string {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Turns the form into createStudy's input, checked by the same rules the API applies (core's planStudy), so a
 * user sees every problem before sending. Issue fields are the API's paths without `input.`:
 * `name`, `seeds[1]`, `methods[0].hyperparameters.learningRate`; `methods[i]` follows the order of METHODS.
 */
export function buildStudyInput(projectId: string, draft: StudyDraft): BuiltStudy {
  const issues: FieldIssue[] = [];
  if (!draft.datasetId) issues.push({ field: 'datasetId', message: 'datasetId is empty; choose the dataset the study trains and evaluates on' });

  const empty = (field: string, label: string, example: string) => issues.push({ field, message: `${label} is empty; use e.g. ${example}` });

  const tokens = seedTokens(draft.seeds);
  if (tokens.length === 0) empty('seeds', 'seeds', `${DEFAULT_SEED} (several seeds separated by commas: 1, 2, 3)`);
  const seeds = tokens.map(parseNumber);

  let maxSeqLength: number | string = parseNumber(draft.maxSeqLength);
  if (maxSeqLength === '') {
    empty('maxSeqLength', 'maxSeqLength', String(DEFAULT_MAX_SEQ_LENGTH));
    maxSeqLength = DEFAULT_MAX_SEQ_LENGTH;
  }

  const methods = chosenMethods(draft);
  if (methods.length === 0) issues.push({ field: 'methods', message: 'methods: choose at least one method to train' });
  const requests = methods.map((method, index) => {
    const form = draft.methods[method];
    const hyperparameters: Record<string, unknown> = {};
    for (const key of hyperparameterFields(method)) {
      const text = form.hyperparameters[key];
      const field = `methods[${index}].hyperparameters.${key}`;
      if (key === 'loraTargetModules') {
        hyperparameters[key] = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
      } else if (text.trim() === '') {
        const fallback = defaultHyperparameters(method)[key];
        empty(field, `${field}`, formatNumber(fallback as number));
      } else {
        hyperparameters[key] = parseNumber(text);
      }
    }
    return { method, baseModel: form.baseModel, hyperparameters };
  });

  const plan = planStudy({
    name: draft.name,
    description: draft.description,
    // Strings are kept where a number was expected so the message quotes what was typed.
    seeds: tokens.length === 0 ? null : (seeds as number[]),
    maxSeqLength: maxSeqLength as number,
    methods: requests,
  });
  if (!plan.ok) {
    // An empty field or method list already has its own message above.
    const covered = new Set(issues.map((issue) => issue.field));
    issues.push(...plan.issues.filter((issue) => !covered.has(issue.field)));
  }
  if (issues.length > 0 || !plan.ok) return { ok: false, issues };

  return {
    ok: true,
    input: {
      projectId,
      datasetId: draft.datasetId,
      name: plan.value.name,
      description: plan.value.description,
      seeds: plan.value.seeds,
      maxSeqLength: plan.value.maxSeqLength,
      methods: requests.map((request) => ({
        method: request.method,
        baseModel: request.baseModel.trim(),
        hyperparameters: request.hyperparameters as CreateStudyInput['methods'][number]['hyperparameters'],
      })),
    },
  };
}

/** Form fields that can hold an issue; anything else is shown above the button. */
export function formFieldOf(field: string): string {
  const path = field.replace(/^input\./, '');
  // A list typed as text: its entries' issues belong to the one input.
  return path.replace(/^seeds\[\d+\]$/, 'seeds').replace(/(\.loraTargetModules)\[\d+\]$/, '$1');
}

export function methodFieldKey(index: number, field: 'baseModel' | HyperparameterField): string {
  return field === 'baseModel' ? `methods[${index}].baseModel` : `methods[${index}].hyperparameters.${field}`;
}

/** Inside a method's box the path prefix is noise: "methods[1].hyperparameters.loraR must be…" → "loraR must be…". */
export function shortMessage(message: string): string {
  return message.replace(/^methods\[\d+\]\.(hyperparameters\.)?/, '');
}

export interface GroupedIssues {
  byField: Map<string, string[]>;
  general: FieldIssue[];
}

export function groupIssues(issues: readonly FieldIssue[], fields: ReadonlySet<string>): GroupedIssues {
  const byField = new Map<string, string[]>();
  const general: FieldIssue[] = [];
  for (const issue of issues) {
    const field = formFieldOf(issue.field);
    if (fields.has(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else general.push(issue);
  }
  return { byField, general };
}

/** The form's field keys for the chosen methods, in the order they appear on the page. */
export function formFields(methods: readonly Method[]): string[] {
  const fields = ['datasetId', 'name', 'description', 'methods'];
  methods.forEach((method, index) => {
    fields.push(methodFieldKey(index, 'baseModel'));
    for (const key of hyperparameterFields(method)) fields.push(methodFieldKey(index, key));
  });
  fields.push('seeds', 'maxSeqLength');
  return fields;
}

/** Plain words for a dataset's label rule ('grade3', 'grade10>=N', 'custom:{…}'). */
export function describeLabelRule(rule: string): string {
  if (rule === 'grade3') return 'Kinopoisk’s three-way grade: Good → positive (1), Bad → negative (0); neutral reviews are left out.';
  const grade10 = /^grade10>=(\d+(?:\.\d+)?)$/.exec(rule);
  if (grade10) return `A 1–10 grade: ${grade10[1]} and above → positive (1), below → negative (0).`;
  if (rule.startsWith('custom:')) {
    try {
      const mapping = JSON.parse(rule.slice('custom:'.length)) as Record<string, unknown>;
      const pairs = Object.entries(mapping).map(([raw, label]) => `“${raw}” → ${String(label)}`);
      return `A custom mapping of the source’s labels: ${pairs.join(', ')}; other labels are left out.`;
    } catch {
      return 'A custom mapping of the source’s labels.';
    }
  }
  return 'A rule this page does not know; the worker applies it as stored.';
}

export function describeTextRule(rule: string | null): string {
  if (rule === null) return 'None: texts are used as written.';
  if (rule === 'strip-score-mentions') return 'Self-reported scores (“9 из 10”, “оценка: 8”) are removed, so a model cannot read the label off the text.';
  return 'A text rule this page does not know; the worker applies it as stored.';
}
