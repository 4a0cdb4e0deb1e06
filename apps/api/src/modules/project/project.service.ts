import type { EntityManager } from '@mikro-orm/knex';
import { nameProblem } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { Team } from '../team/team.entity';
import type { CreateProjectInput } from './dto/create-project.input';
import { projectErrors } from './project.errors';
import { Project } from './project.entity';

export class ProjectService {
  list(em: EntityManager, viewer: Viewer): Promise<Project[]> {
    return em.find(Project, { team: viewer.teamId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  /** A project of the viewer's team; another team's project is reported as absent, not as forbidden. */
  async get(em: EntityManager, viewer: Viewer, id: string): Promise<Project> {
    const project = await em.findOne(Project, { id, team: viewer.teamId });
    if (!project) throw projectErrors.notFound(id);
    return project;
  }

  async create(em: EntityManager, viewer: Viewer, input: CreateProjectInput): Promise<Project> {
    const problem = nameProblem(input.name, 'name');
    if (problem) throw projectErrors.badField('input.name', problem);
    const name = input.name.trim();
    if (await em.count(Project, { team: viewer.teamId, name })) throw projectErrors.nameTaken(name);
    const project = em.create(Project, {
      team: em.getReference(Team, viewer.teamId),
      name,
      description: input.description?.trim() || null,
    });
    await em.flush();
    return project;
  }
}
