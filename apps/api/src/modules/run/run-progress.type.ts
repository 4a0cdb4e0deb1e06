import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a running run is, as its worker last reported.' })
export class RunProgress {
  @Field(() => Int) step: number;
  @Field(() => Int) totalSteps: number;
  @Field(() => Float, { description: 'Fractional: 1.5 is halfway through the second epoch.' }) epoch: number;
  @Field(() => Float, { nullable: true }) samplesPerSecond: number | null;
  @Field(() => Float, { nullable: true }) tokensPerSecond: number | null;
  @Field(() => Float, { nullable: true, description: 'Estimated seconds until training ends.' }) etaSeconds: number | null;
  @Field(() => Date) updatedAt: Date;
}

@InputType()
export class RunProgressInput {
  @Field(() => Int) step: number;
  @Field(() => Int) totalSteps: number;
  @Field(() => Float) epoch: number;
  @Field(() => Float, { nullable: true }) samplesPerSecond?: number | null;
  @Field(() => Float, { nullable: true }) tokensPerSecond?: number | null;
  @Field(() => Float, { nullable: true }) etaSeconds?: number | null;
}

@ObjectType({ description: 'A restart of a run by its worker (e.g. after the engine ran out of memory) or a batch change before launch (MEMORY_PREFLIGHT).' })
export class RunRetry {
  @Field(() => Int, { description: 'The attempt that runs with this change.' }) attempt: number;
  @Field(() => String, { description: 'Why: OOM, ENGINE_CRASHED, MEMORY_PREFLIGHT, …' }) code: string;
  @Field(() => String) reason: string;
  @Field(() => Int, { nullable: true }) batchSize: number | null;
  @Field(() => Int, { nullable: true }) gradientAccumulationSteps: number | null;
  @Field(() => Date) at: Date;
}

@InputType({ description: 'A worker restarts the engine on the run it holds; the batch may shrink with the same effective batch.' })
export class RetryRunInput {
  @Field(() => String) code: string;
  @Field(() => String) reason: string;
  @Field(() => Int, { nullable: true }) batchSize?: number | null;
  @Field(() => Int, { nullable: true }) gradientAccumulationSteps?: number | null;
}

/** As stored in the run's JSON columns (dates as ISO strings). */
export interface StoredProgress extends Omit<RunProgress, 'updatedAt'> {
  updatedAt: string;
}

export interface StoredRetry extends Omit<RunRetry, 'at'> {
  at: string;
}
