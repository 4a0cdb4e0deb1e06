import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { AnalysisOptionsInput, Comparability, Recommendation, RecommendationConstraintsInput, ReportFormatEnum, StudyAnalysis, StudyReport } from './analysis.types';
import { toComparability } from './analysis.service';

@Resolver()
export class AnalysisResolver {
  @Query(() => StudyAnalysis, { description: 'Statistics, paired comparisons, the Pareto front and time-to-target of a study, over its comparable runs.' })
  async studyAnalysis(
    @Arg('studyId', () => ID) studyId: string,
    @Ctx() ctx: RequestContext,
    @Arg('options', () => AnalysisOptionsInput, { nullable: true }) options?: AnalysisOptionsInput,
  ): Promise<StudyAnalysis> {
    const { analysis } = await ctx.services.analysis.analyze(ctx.em, requireViewer(ctx), studyId, options ?? {});
    return { ...analysis, comparability: toComparability(analysis.comparability) } as unknown as StudyAnalysis;
  }

  @Query(() => Recommendation, { description: 'The method to pick under the given constraints, by explicit rules over the measured runs.' })
  async recommendMethod(
    @Arg('studyId', () => ID) studyId: string,
    @Ctx() ctx: RequestContext,
    @Arg('constraints', () => RecommendationConstraintsInput, { nullable: true }) constraints?: RecommendationConstraintsInput,
    @Arg('options', () => AnalysisOptionsInput, { nullable: true }) options?: AnalysisOptionsInput,
  ): Promise<Recommendation> {
    return (await ctx.services.analysis.recommend(ctx.em, requireViewer(ctx), studyId, { ...(constraints ?? {}) }, options ?? {})) as unknown as Recommendation;
  }

  @Query(() => StudyReport, { description: 'The study report: summary table, statistics, Pareto front, recommendations and data quality.' })
  async exportStudyReport(
    @Arg('studyId', () => ID) studyId: string,
    @Arg('format', () => ReportFormatEnum) format: ReportFormatEnum,
    @Ctx() ctx: RequestContext,
    @Arg('options', () => AnalysisOptionsInput, { nullable: true }) options?: AnalysisOptionsInput,
  ): Promise<StudyReport> {
    return (await ctx.services.analysis.report(ctx.em, requireViewer(ctx), studyId, format, options ?? {})) as StudyReport;
  }

  @Query(() => Comparability, { description: 'Whether any 2–100 runs the caller can see are comparable, and exactly what differs if not.' })
  compareRuns(@Arg('runIds', () => [ID]) runIds: string[], @Ctx() ctx: RequestContext): Promise<Comparability> {
    return ctx.services.analysis.compareRuns(ctx.em, requireViewer(ctx), runIds);
  }
}
