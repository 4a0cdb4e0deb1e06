import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { LABEL_NAMES } from '@tunelab/core';
import { Classifier, type ExecutionProvider, ModelFilesMissing } from '@tunelab/inference';
import type { Viewer } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import type { RunService } from '../run/run.service';
import type { Prediction, RunModel } from './inference.types';
import { ModelStore } from './model-store';

export const MAX_PREDICT_TEXTS = 256;
/** Characters per token is about 4–6 in Russian reviews; 50× the token budget is text the model would mostly never see. */
const CHARACTERS_PER_TOKEN_LIMIT = 50;

/**
 * predict(runId, texts) over a run's uploaded ONNX export. Sessions load lazily on the first request and stay in
 * a small LRU cache (a BERT-base session holds ~0.5 GB); CUDA when the machine has an NVIDIA GPU, CPU otherwise.
 */
export class InferenceService {
  readonly models: ModelStore;
  private readonly sessions = new Map<string, Promise<Classifier>>();

  constructor(
    private readonly runs: RunService,
    dataDir: string,
    private readonly cacheSize = 4,
    private readonly provider: ExecutionProvider = hasNvidiaGpu() ? 'cuda' : 'cpu',
  ) {
    this.models = new ModelStore(dataDir);
  }

  async model(em: EntityManager, viewer: Viewer, runId: string): Promise<RunModel | null> {
    const run = await this.runs.get(em, viewer, runId);
    const files = this.models.files(run.id);
    if (!files) return null;
    const card = JSON.parse(fs.readFileSync(path.join(this.models.dir(run.id), 'model.json'), 'utf8')) as { maxLength: number; numLabels: number };
    const bytes = files.filter((file) => file.name.startsWith('model.onnx')).reduce((sum, file) => sum + file.bytes, 0);
    return { files, bytes, maxLength: card.maxLength, numLabels: card.numLabels };
  }

  async predict(em: EntityManager, viewer: Viewer, runId: string, texts: string[]): Promise<Prediction[]> {
    if (!texts.length) throw badInput([{ field: 'texts', message: 'give at least one text to classify' }]);
    if (texts.length > MAX_PREDICT_TEXTS) throw badInput([{ field: 'texts', message: `at most ${MAX_PREDICT_TEXTS} texts per call (got ${texts.length}); split the list` }]);
    const empty = texts.findIndex((text) => !text.trim());
    if (empty !== -1) throw badInput([{ field: `texts[${empty}]`, message: 'is empty; send the review text' }]);
    const run = await this.runs.get(em, viewer, runId);
    const classifier = await this.classifier(run.id, run.status);
    const limit = classifier.card.maxLength * CHARACTERS_PER_TOKEN_LIMIT;
    const long = texts.findIndex((text) => text.length > limit);
    if (long !== -1) {
      throw badInput([{ field: `texts[${long}]`, message: `is ${texts[long].length.toLocaleString('en-US')} characters; this model reads ${classifier.card.maxLength} tokens, so send at most ${limit.toLocaleString('en-US')} characters (the rest would be cut anyway)` }]);
    }
    return (await classifier.classify(texts)).map((result) => ({ ...result, labelName: LABEL_NAMES[result.label] ?? String(result.label) }));
  }

  /** Drops a cached session, e.g. after a new upload replaced the files. */
  forget(runId: string): void {
    const cached = this.sessions.get(runId);
    this.sessions.delete(runId);
    void cached?.then((classifier) => classifier.release()).catch(() => undefined);
  }

  private classifier(runId: string, status: string): Promise<Classifier> {
    const cached = this.sessions.get(runId);
    if (cached) {
      this.sessions.delete(runId);
      this.sessions.set(runId, cached);
      return cached;
    }
    if (!this.models.files(runId)) {
      const why = status === 'SUCCEEDED' ? 'its worker has not uploaded the ONNX export (it is uploaded when the run completes with export.onnx on)' : `it is ${status}; a model exists once the run has succeeded`;
      throw badInput([{ field: 'runId', message: `run ${runId} has no exported model to predict with: ${why}` }]);
    }
    const loading = Classifier.load(this.models.dir(runId), { provider: this.provider });
    this.sessions.set(runId, loading);
    loading.catch(() => this.sessions.delete(runId));
    while (this.sessions.size > this.cacheSize) this.forget(this.sessions.keys().next().value!);
    return loading.catch((error) => {
      if (error instanceof ModelFilesMissing) throw badInput([{ field: 'runId', message: error.message }]);
      throw error;
    });
  }
}

function hasNvidiaGpu(): boolean {
  return fs.existsSync('/dev/nvidia0');
}
