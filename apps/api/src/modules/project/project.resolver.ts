import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Dataset } from '../dataset/dataset.entity';
import { Study } from '../study/study.entity';
import { Team } from '../team/team.entity';
import { CreateProjectInput } from './dto/create-project.input';
import { Project } from './project.entity';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => [Project], { description: "Your team's projects, newest first." })
  projects(@Ctx() ctx: RequestContext): Promise<Project[]> {
    return ctx.services.projects.list(ctx.em, requireViewer(ctx));
  }

  @Query(() => Project)
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Project> {
    return ctx.services.projects.get(ctx.em, requireViewer(ctx), id);
  }

  @Mutation(() => Project)
  createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: RequestContext): Promise<Project> {
    return ctx.services.projects.create(ctx.em, requireViewer(ctx), input);
  }

  @FieldResolver(() => Team)
  team(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<Team> {
    return ctx.em.findOneOrFail(Team, project.team.id);
  }

  @FieldResolver(() => [Study])
  studies(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<Study[]> {
    return ctx.em.find(Study, { project: project.id }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  @FieldResolver(() => [Dataset])
  datasets(@Root() project: Project, @Ctx() ctx: RequestContext): Promise<Dataset[]> {
    return ctx.em.find(Dataset, { project: project.id }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }
}
