import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "What a run's stored predictions on a split say at a glance." })
export class RunPredictionsSummary {
  @Field(() => String) split: string;
  @Field(() => Int) count: number;
  @Field(() => String, { description: 'SHA-256 over the example ids in order: runs with equal keys were scored on the same examples.' }) examplesKey: string;
  @Field(() => [[Int]], { description: 'Rows are true labels, columns predicted labels.' }) confusionMatrix: number[][];
  @Field(() => Date) createdAt: Date;
}
