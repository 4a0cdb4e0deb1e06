import { Field, ID, InputType, Int } from 'type-graphql';
import { HyperparametersInput } from '../../run/hyperparameters.type';

@InputType({ description: 'One method to run with every seed of the study.' })
export class StudyMethodInput {
  @Field(() => String, { description: 'full, lora, mamba, head-only or mamba-lora.' }) method: string;
  @Field(() => String, { description: 'A local path or a model id in the local Hugging Face cache.' }) baseModel: string;
  @Field(() => HyperparametersInput, { nullable: true }) hyperparameters?: HyperparametersInput | null;
}

@InputType({ description: 'A study queues one run per method and seed.' })
export class CreateStudyInput {
  @Field(() => ID) projectId: string;
  @Field(() => ID) datasetId: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { nullable: true, description: 'Default 256.' }) maxSeqLength?: number | null;
  @Field(() => [String], { nullable: true, description: 'Default eval/f1_macro and eval/accuracy.' }) metrics?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Default eval/f1_macro.' }) primaryMetric?: string | null;
  @Field(() => [Int], { nullable: true, description: 'Default [42].' }) seeds?: number[] | null;
  @Field(() => [StudyMethodInput]) methods: StudyMethodInput[];
}
