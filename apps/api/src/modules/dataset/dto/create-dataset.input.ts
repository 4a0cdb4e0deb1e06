import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { JSONObject } from '../../../graphql/scalars';

@InputType({ description: 'Omitted fields: seed 42, 80% train, 0% validation, 20% test.' })
export class DatasetSplitInput {
  @Field(() => Int, { nullable: true }) seed?: number | null;
  @Field(() => Float, { nullable: true }) trainFraction?: number | null;
  @Field(() => Float, { nullable: true }) validationFraction?: number | null;
  @Field(() => Float, { nullable: true }) testFraction?: number | null;
}

@InputType()
export class CreateDatasetInput {
  @Field(() => ID) projectId: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'A local path or hf://datasets/<owner>/<name>/<file>.' }) source: string;
  @Field(() => String, { nullable: true, description: "Default 'grade3'." }) labelRule?: string | null;
  @Field(() => String, { nullable: true }) textRule?: string | null;
  @Field(() => DatasetSplitInput, { nullable: true }) split?: DatasetSplitInput | null;
  @Field(() => String, { nullable: true, description: 'Set by the importer: a hash of the exact split.' }) fingerprint?: string | null;
  @Field(() => JSONObject, { nullable: true }) rowCounts?: Record<string, unknown> | null;
  @Field(() => JSONObject, { nullable: true }) qualityReport?: Record<string, unknown> | null;
}
