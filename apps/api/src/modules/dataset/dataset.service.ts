import type { EntityManager } from '@mikro-orm/knex';
import { validateDatasetSpec } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import type { ProjectService } from '../project/project.service';
import { datasetErrors } from './dataset.errors';
import { Dataset } from './dataset.entity';
import type { CreateDatasetInput } from './dto/create-dataset.input';

/** GraphQL gives null for omitted input fields; the core rules take undefined as "use the default". */
function withoutNulls<T extends object>(value: T | null | undefined): { [K in keyof T]?: Exclude<T[K], null> } | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

export class DatasetService {
  constructor(private readonly projects: ProjectService) {}

  async list(em: EntityManager, viewer: Viewer, projectId: string): Promise<Dataset[]> {
    const project = await this.projects.get(em, viewer, projectId);
    return em.find(Dataset, { project }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  async get(em: EntityManager, viewer: Viewer, id: string, field = 'id'): Promise<Dataset> {
    const dataset = await em.findOne(Dataset, { id, project: { team: viewer.teamId } });
    if (!dataset) throw field === 'id' ? datasetErrors.notFound(id) : badInput([{ field, message: `dataset ${id} does not exist in your team; create it with createDataset or pass the id of an existing one` }]);
    return dataset;
  }

  async create(em: EntityManager, viewer: Viewer, input: CreateDatasetInput): Promise<Dataset> {
    const project = await this.projects.get(em, viewer, input.projectId);
    const spec = validateDatasetSpec({ name: input.name, source: input.source, labelRule: input.labelRule, textRule: input.textRule, split: withoutNulls(input.split) });
    if (!spec.ok) throw badInput(spec.issues.map((issue) => ({ ...issue, field: `input.${issue.field}` })));
    const { name, source, labelRule, textRule, split } = spec.value;
    if (await em.count(Dataset, { project, name })) throw datasetErrors.nameTaken(name);
    const dataset = em.create(Dataset, {
      project,
      name,
      source,
      labelRule,
      textRule,
      splitSeed: split.seed,
      trainFraction: split.trainFraction,
      validationFraction: split.validationFraction,
      testFraction: split.testFraction,
      fingerprint: input.fingerprint ?? null,
      rowCounts: input.rowCounts ?? null,
      qualityReport: input.qualityReport ?? null,
    });
    await em.flush();
    return dataset;
  }
}
