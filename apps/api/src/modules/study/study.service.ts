import type { EntityManager } from '@mikro-orm/knex';
import { planStudy } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { badInput } from '../../graphql/errors';
import type { DatasetService } from '../dataset/dataset.service';
import type { ProjectService } from '../project/project.service';
import { Run } from '../run/run.entity';
import type { CreateStudyInput } from './dto/create-study.input';
import { studyErrors } from './study.errors';
import { Study } from './study.entity';

export class StudyService {
  constructor(
    private readonly projects: ProjectService,
    private readonly datasets: DatasetService,
  ) {}

  async list(em: EntityManager, viewer: Viewer, projectId: string): Promise<Study[]> {
    const project = await this.projects.get(em, viewer, projectId);
    return em.find(Study, { project }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  async get(em: EntityManager, viewer: Viewer, id: string): Promise<Study> {
    const study = await em.findOne(Study, { id, project: { team: viewer.teamId } });
    if (!study) throw studyErrors.notFound(id);
    return study;
  }

  /** Validates everything first, then writes the study and its queued runs in one transaction. */
  async create(em: EntityManager, viewer: Viewer, input: CreateStudyInput): Promise<Study> {
    const plan = planStudy(input);
    if (!plan.ok) throw badInput(plan.issues.map((issue) => ({ ...issue, field: `input.${issue.field}` })));
    const project = await this.projects.get(em, viewer, input.projectId);
    const dataset = await this.datasets.get(em, viewer, input.datasetId, 'input.datasetId');
    if (dataset.project.id !== project.id) throw studyErrors.datasetOfOtherProject();
    const { runs, ...protocol } = plan.value;
    if (await em.count(Study, { project, name: protocol.name })) throw studyErrors.nameTaken(protocol.name);

    const study = em.create(Study, { ...protocol, project, dataset });
    const createdAt = new Date();
    runs.forEach((planned, position) => em.create(Run, { ...planned, study, createdAt, position }));
    await em.flush();
    return study;
  }
}
