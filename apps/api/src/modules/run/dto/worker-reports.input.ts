import { Field, Float, InputType, Int } from 'type-graphql';
import { JSONObject } from '../../../graphql/scalars';

@InputType({ description: "What the engine reports when it starts: the model's size and where it runs." })
export class StartRunInput {
  @Field(() => Float) trainableParameters: number;
  @Field(() => Float) totalParameters: number;
  @Field(() => String, { nullable: true }) device?: string | null;
}

@InputType()
export class CheckpointInput {
  @Field(() => Int) epoch: number;
  @Field(() => Int) step: number;
  @Field(() => String) path: string;
  @Field(() => Float) bytes: number;
  @Field(() => JSONObject, { nullable: true }) metrics?: Record<string, unknown> | null;
}

@InputType()
export class ArtifactInput {
  @Field(() => String) kind: string;
  @Field(() => String) path: string;
  @Field(() => String) sha256: string;
  @Field(() => Float) bytes: number;
}

@InputType({ description: "A run's predictions on one split, one entry per example in split-file order." })
export class PredictionsInput {
  @Field(() => String, { defaultValue: 'test' }) split: string;
  @Field(() => [String], { description: 'Example ids from the split file, in order.' }) ids: string[];
  @Field(() => [Int], { description: 'True label ids.' }) labels: number[];
  @Field(() => [Int], { description: 'Predicted label ids.' }) predictions: number[];
}

@InputType()
export class CompleteRunInput {
  @Field(() => JSONObject, { description: 'Final metrics by key, e.g. {"eval/f1_macro": 0.91}.' }) finalMetrics: Record<string, unknown>;
  @Field(() => Float) trainSeconds: number;
  @Field(() => Float, { nullable: true }) evalSeconds?: number | null;
  @Field(() => Float, { nullable: true }) peakMemoryBytes?: number | null;
  @Field(() => Float, { nullable: true }) trainableParameters?: number | null;
  @Field(() => Float, { nullable: true }) totalParameters?: number | null;
}

@InputType()
export class FailRunInput {
  @Field(() => String, { description: 'OOM, NAN_LOSS, SPEC_INVALID, MODEL_NOT_FOUND, DATA_INVALID, CANCELLED, …' }) code: string;
  @Field(() => String) message: string;
}
