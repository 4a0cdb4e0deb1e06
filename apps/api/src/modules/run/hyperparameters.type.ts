import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The resolved hyperparameters of a run (defaults of its method filled in).' })
export class Hyperparameters {
  @Field(() => Float) learningRate: number;
  @Field(() => Int) batchSize: number;
  @Field(() => Int) epochs: number;
  @Field(() => Float) weightDecay: number;
  @Field(() => Float) warmupRatio: number;
  @Field(() => Int) gradientAccumulationSteps: number;
  @Field(() => Int, { nullable: true }) loraR?: number;
  @Field(() => Float, { nullable: true }) loraAlpha?: number;
  @Field(() => Float, { nullable: true }) loraDropout?: number;
  @Field(() => [String], { nullable: true }) loraTargetModules?: string[];
  @Field(() => String, { nullable: true, description: "'last-token' or 'mean' (Mamba methods)." }) pooling?: string;
}

@InputType({ description: 'Hyperparameters of a method; omitted fields take the method defaults.' })
export class HyperparametersInput {
  @Field(() => Float, { nullable: true }) learningRate?: number;
  @Field(() => Int, { nullable: true }) batchSize?: number;
  @Field(() => Int, { nullable: true }) epochs?: number;
  @Field(() => Float, { nullable: true }) weightDecay?: number;
  @Field(() => Float, { nullable: true }) warmupRatio?: number;
  @Field(() => Int, { nullable: true }) gradientAccumulationSteps?: number;
  @Field(() => Int, { nullable: true }) loraR?: number;
  @Field(() => Float, { nullable: true }) loraAlpha?: number;
  @Field(() => Float, { nullable: true }) loraDropout?: number;
  @Field(() => [String], { nullable: true }) loraTargetModules?: string[];
  @Field(() => String, { nullable: true }) pooling?: string;
}
