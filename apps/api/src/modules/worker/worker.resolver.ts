import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { Run } from '../run/run.entity';
import { RegisterWorkerInput } from './dto/register-worker.input';
import { Worker } from './worker.entity';

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => [Worker], { description: "Your team's workers, most recently seen first." })
  workers(@Ctx() ctx: RequestContext): Promise<Worker[]> {
    return ctx.services.workers.list(ctx.em, requireViewer(ctx));
  }

  @Mutation(() => Worker)
  registerWorker(@Arg('input', () => RegisterWorkerInput) input: RegisterWorkerInput, @Ctx() ctx: RequestContext): Promise<Worker> {
    return ctx.services.workers.register(ctx.em, requireViewer(ctx), input);
  }

  @FieldResolver(() => Run, { nullable: true, description: 'The run it holds now, if any.' })
  currentRun(@Root() worker: Worker, @Ctx() ctx: RequestContext): Promise<Run | null> {
    return ctx.em.findOne(Run, { worker: worker.id, status: { $in: ['CLAIMED', 'RUNNING'] } }, { orderBy: { leaseExpiresAt: 'desc' } });
  }
}
