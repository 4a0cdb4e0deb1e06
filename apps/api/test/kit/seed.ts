import type { ApiClient } from './client';
import { CLAIM_RUN, CREATE_DATASET, CREATE_PROJECT, CREATE_STUDY, REGISTER_DATASET, REGISTER_WORKER, START_RUN } from './documents';

export interface SeededRun {
  id: string;
  method: string;
  seed: number;
  status: string;
}

export interface SeededStudy {
  projectId: string;
  datasetId: string;
  studyId: string;
  runs: SeededRun[];
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${process.pid}-${++counter}`;

export const THREE_METHODS = [
  { method: 'full', baseModel: 'DeepPavlov/rubert-base-cased' },
  { method: 'lora', baseModel: 'DeepPavlov/rubert-base-cased', hyperparameters: { loraR: 8, loraAlpha: 16 } },
  { method: 'mamba', baseModel: 'state-spaces/mamba-130m-hf' },
];

/** Seeds data through the public API: seed(client).study() makes a project, a dataset and a study with queued runs. */
export function seed(client: ApiClient) {
  return {
    async project(name = unique('project')): Promise<string> {
      const data = await client.request(CREATE_PROJECT, { input: { name } });
      return data.createProject.id as string;
    },

    async dataset(projectId: string, name = unique('dataset')): Promise<string> {
      const data = await client.request(CREATE_DATASET, {
        input: { projectId, name, source: 'fixtures/kinopoisk-sample.jsonl', labelRule: 'grade3', split: { seed: 42, trainFraction: 0.8, testFraction: 0.2 } },
      });
      return data.createDataset.id as string;
    },

    /** A dataset imported from a source the API process can read (registerDataset): real split files. */
    async registeredDataset(projectId: string, source: string, input: Record<string, unknown> = {}): Promise<{ id: string; fingerprint: string }> {
      const data = await client.request(REGISTER_DATASET, { input: { projectId, name: unique('dataset'), source, ...input } });
      return { id: data.registerDataset.id as string, fingerprint: data.registerDataset.fingerprint as string };
    },

    async study(options: { methods?: unknown[]; seeds?: number[] } = {}): Promise<SeededStudy> {
      const projectId = await this.project();
      const datasetId = await this.dataset(projectId);
      const data = await client.request(CREATE_STUDY, {
        input: { projectId, datasetId, name: unique('study'), methods: options.methods ?? THREE_METHODS, seeds: options.seeds ?? [1, 2] },
      });
      return { projectId, datasetId, studyId: data.createStudy.id, runs: data.createStudy.runs };
    },

    async worker(name = unique('worker')): Promise<string> {
      const data = await client.request(REGISTER_WORKER, { input: { name, host: 'test-host', cpus: 2, memoryBytes: 24 * 2 ** 30 } });
      return data.registerWorker.id as string;
    },

    /** A new one-run study whose run a new worker has claimed and started (other queued runs of the team go first). */
    async runningRun(): Promise<{ workerId: string; runId: string; studyId: string }> {
      const { studyId } = await this.study({ methods: [THREE_METHODS[0]], seeds: [7] });
      const workerId = await this.worker();
      const claim = await client.request(CLAIM_RUN, { workerId });
      const runId = claim.claimRun.run.id as string;
      await client.request(START_RUN, { runId, workerId, input: { trainableParameters: 1000, totalParameters: 5000, device: 'cpu' } });
      return { workerId, runId, studyId };
    },
  };
}

export function points(key: string, steps: number, value: (step: number) => number) {
  return Array.from({ length: steps }, (_, index) => ({ key, step: index + 1, epoch: 0, value: value(index + 1), wallTime: 1_700_000_000 + index }));
}
