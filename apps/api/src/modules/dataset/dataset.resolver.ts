import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Project } from '../project/project.entity';
import { Dataset, DatasetSplit } from './dataset.entity';
import { CreateDatasetInput } from './dto/create-dataset.input';

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => [Dataset])
  datasets(@Arg('projectId', () => ID) projectId: string, @Ctx() ctx: RequestContext): Promise<Dataset[]> {
    return ctx.services.datasets.list(ctx.em, requireViewer(ctx), projectId);
  }

  @Query(() => Dataset)
  dataset(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Dataset> {
    return ctx.services.datasets.get(ctx.em, requireViewer(ctx), id);
  }

  @Mutation(() => Dataset, { description: 'Records a dataset and its split rules in a project.' })
  createDataset(@Arg('input', () => CreateDatasetInput) input: CreateDatasetInput, @Ctx() ctx: RequestContext): Promise<Dataset> {
    return ctx.services.datasets.create(ctx.em, requireViewer(ctx), input);
  }

  @FieldResolver(() => Project)
  project(@Root() dataset: Dataset, @Ctx() ctx: RequestContext): Promise<Project> {
    return ctx.em.findOneOrFail(Project, dataset.project.id);
  }

  @FieldResolver(() => DatasetSplit)
  split(@Root() dataset: Dataset): DatasetSplit {
    return {
      seed: dataset.splitSeed,
      trainFraction: dataset.trainFraction,
      validationFraction: dataset.validationFraction,
      testFraction: dataset.testFraction,
    };
  }
}
