import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Project } from '../project/project.entity';
import { Dataset, DatasetSplit } from './dataset.entity';
import { DatasetFormatEnum } from './dataset-format.type';
import { DatasetImport } from './dataset-import-tracker';
import { DatasetColumns, DatasetQualityReport, DatasetSplitFile, qualityReportView } from './dataset-report.type';
import { CreateDatasetInput } from './dto/create-dataset.input';
import { RegisterDatasetInput } from './dto/register-dataset.input';

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

  @Query(() => [DatasetImport], { description: "Your team's registerDataset imports in progress." })
  datasetImports(@Ctx() ctx: RequestContext): DatasetImport[] {
    return ctx.services.datasets.imports.list(requireViewer(ctx).teamId);
  }

  @Mutation(() => Dataset, { description: 'Records a dataset definition without importing it; registerDataset imports a source and materialises its splits.' })
  createDataset(@Arg('input', () => CreateDatasetInput) input: CreateDatasetInput, @Ctx() ctx: RequestContext): Promise<Dataset> {
    return ctx.services.datasets.create(ctx.em, requireViewer(ctx), input);
  }

  @Mutation(() => Dataset, {
    description:
      'Imports a source (local file or hf://) with label and text rules into fingerprinted train/validation/test files and stores the dataset with its quality report. Bad input or a failed import stores nothing.',
  })
  registerDataset(@Arg('input', () => RegisterDatasetInput) input: RegisterDatasetInput, @Ctx() ctx: RequestContext): Promise<Dataset> {
    return ctx.services.datasets.register(ctx.em, requireViewer(ctx), input);
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

  @FieldResolver(() => DatasetFormatEnum, { nullable: true, description: 'Null for a dataset recorded with createDataset.' })
  format(@Root() dataset: Dataset): string | null {
    return dataset.format;
  }

  @FieldResolver(() => DatasetColumns, { nullable: true })
  columns(@Root() dataset: Dataset): DatasetColumns | null {
    return dataset.columns;
  }

  @FieldResolver(() => Boolean, { description: 'The source was imported and the split files exist.' })
  imported(@Root() dataset: Dataset): boolean {
    return dataset.splitFiles !== null;
  }

  @FieldResolver(() => [DatasetSplitFile], { description: 'The split files in train, validation, test order; empty until imported.' })
  splits(@Root() dataset: Dataset, @Ctx() ctx: RequestContext): DatasetSplitFile[] {
    return (dataset.splitFiles ?? []).map((entry) => ({
      name: entry.name,
      path: ctx.services.datasets.splitPath(entry.file),
      relativePath: entry.file,
      rows: entry.rows,
      sha256: entry.sha256,
      labels: entry.labels,
    }));
  }

  @FieldResolver(() => DatasetQualityReport, { nullable: true, description: 'The data-quality report of the import; null until imported.' })
  quality(@Root() dataset: Dataset): DatasetQualityReport | null {
    return qualityReportView(dataset.qualityReport);
  }
}
