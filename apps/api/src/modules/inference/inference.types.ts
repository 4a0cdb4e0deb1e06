import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One text classified by a run\'s exported model.' })
export class Prediction {
  @Field(() => Int) label: number;
  @Field(() => String, { description: 'negative or positive (label ids 0 and 1), else the id.' }) labelName: string;
  @Field(() => [Float], { description: 'One per label, summing to 1.' }) probabilities: number[];
  @Field(() => Int, { description: 'Tokens the model read, special tokens included.' }) tokens: number;
  @Field(() => Boolean, { description: "True when the text was cut at the run's max length." }) truncated: boolean;
}

@ObjectType()
export class ModelFile {
  @Field(() => String) name: string;
  @Field(() => Float) bytes: number;
  @Field(() => String) sha256: string;
}

@ObjectType({ description: "A run's exported classifier as stored by the API: what predict runs." })
export class RunModel {
  @Field(() => [ModelFile]) files: ModelFile[];
  @Field(() => Float, { description: 'model.onnx plus its external data.' }) bytes: number;
  @Field(() => Int) maxLength: number;
  @Field(() => Int) numLabels: number;
}
