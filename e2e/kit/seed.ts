import type { GraphqlRequest } from './graphql';

export interface SeededProject {
  id: string;
  name: string;
}
export interface SeededDataset {
  id: string;
  name: string;
}
export interface SeededRun {
  id: string;
  method: string;
  seed: number;
  status: string;
}
export interface SeededStudy {
  id: string;
  name: string;
  primaryMetric: string;
  runs: SeededRun[];
}

export interface StudyMethod {
  method: string;
  baseModel: string;
  hyperparameters?: Record<string, unknown>;
}

export const DEFAULT_METHODS: StudyMethod[] = [
  { method: 'full', baseModel: 'DeepPavlov/rubert-base-cased' },
  { method: 'lora', baseModel: 'DeepPavlov/rubert-base-cased', hyperparameters: { loraR: 8, loraAlpha: 16 } },
  { method: 'mamba', baseModel: 'state-spaces/mamba-130m-hf' },
];

type Step<From, To> = (state: From) => Promise<To>;

/**
 * Fluent, awaitable seeding over GraphQL:
 *   const { project, dataset, study } = await seed(api.request).project().dataset().study({ seeds: [1, 2] });
 */
export class Seed<State extends object> implements PromiseLike<State> {
  private constructor(
    private readonly request: GraphqlRequest,
    private readonly state: Promise<State>,
  ) {}

  static start(request: GraphqlRequest): Seed<object> {
    return new Seed(request, Promise.resolve({}));
  }

  private then_<Added extends object>(step: Step<State, Added>): Seed<State & Added> {
    return new Seed(
      this.request,
      this.state.then(async (state) => ({ ...state, ...(await step(state)) })),
    );
  }

  project(input: { name?: string; description?: string } = {}): Seed<State & { project: SeededProject }> {
    return this.then_(async () => {
      const data = await this.request<{ createProject: SeededProject }>(
        `mutation Seed_CreateProject($input: CreateProjectInput!) { createProject(input: $input) { id name } }`,
        { input: { name: input.name ?? 'Russian movie reviews', description: input.description ?? 'Sentiment of Russian movie reviews.' } },
      );
      return { project: data.createProject };
    });
  }

  dataset(
    this: Seed<State & { project: SeededProject }>,
    /** `qualityReport`: stored as an import would store it (core's `QualityReport`, version 1). */
    input: { name?: string; source?: string; labelRule?: string; qualityReport?: Record<string, unknown> } = {},
  ): Seed<State & { project: SeededProject; dataset: SeededDataset }> {
    return this.then_(async (state) => {
      const data = await this.request<{ createDataset: SeededDataset }>(
        `mutation Seed_CreateDataset($input: CreateDatasetInput!) { createDataset(input: $input) { id name } }`,
        {
          input: {
            projectId: state.project.id,
            name: input.name ?? 'kinopoisk-reviews',
            source: input.source ?? 'hf://datasets/example/kinopoisk/reviews.jsonl',
            labelRule: input.labelRule ?? 'grade3',
            split: { seed: 42, trainFraction: 0.8, validationFraction: 0.1, testFraction: 0.1 },
            ...(input.qualityReport ? { qualityReport: input.qualityReport } : {}),
          },
        },
      );
      return { dataset: data.createDataset };
    });
  }

  study(
    this: Seed<State & { project: SeededProject; dataset: SeededDataset }>,
    input: { name?: string; seeds?: number[]; methods?: StudyMethod[]; metrics?: string[]; maxSeqLength?: number } = {},
  ): Seed<State & { project: SeededProject; dataset: SeededDataset; study: SeededStudy }> {
    return this.then_(async (state) => {
      const data = await this.request<{ createStudy: SeededStudy }>(
        `mutation Seed_CreateStudy($input: CreateStudyInput!) {
          createStudy(input: $input) { id name primaryMetric runs { id method seed status } }
        }`,
        {
          input: {
            projectId: state.project.id,
            datasetId: state.dataset.id,
            name: input.name ?? 'BERT vs LoRA vs Mamba',
            maxSeqLength: input.maxSeqLength ?? 256,
            metrics: input.metrics ?? ['eval/f1_macro', 'eval/accuracy'],
            primaryMetric: 'eval/f1_macro',
            seeds: input.seeds ?? [1, 2],
            methods: input.methods ?? DEFAULT_METHODS,
          },
        },
      );
      return { study: data.createStudy };
    });
  }

  then<A = State, B = never>(
    onFulfilled?: ((value: State) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.state.then(onFulfilled, onRejected);
  }
}

export function seed(request: GraphqlRequest): Seed<object> {
  return Seed.start(request);
}
