import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Run } from '../run/run.entity';
import { Prediction, RunModel } from './inference.types';

@Resolver(() => Run)
export class InferenceResolver {
  @Query(() => [Prediction], { description: "Classifies up to 256 texts with a run's exported ONNX model: labels and probabilities." })
  predict(@Arg('runId', () => ID) runId: string, @Arg('texts', () => [String]) texts: string[], @Ctx() ctx: RequestContext): Promise<Prediction[]> {
    return ctx.services.inference.predict(ctx.em, requireViewer(ctx), runId, texts);
  }

  @FieldResolver(() => RunModel, { nullable: true, description: "The run's exported classifier on the API, once its worker uploaded it; predict needs it." })
  model(@Root() run: Run, @Ctx() ctx: RequestContext): Promise<RunModel | null> {
    return ctx.services.inference.model(ctx.em, requireViewer(ctx), run.id);
  }
}
