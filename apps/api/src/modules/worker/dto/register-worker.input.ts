import { Field, Float, InputType, Int } from 'type-graphql';

@InputType()
export class GpuInput {
  @Field(() => Int) index: number;
  @Field(() => String) name: string;
  @Field(() => Float) memoryBytes: number;
}

@InputType({ description: 'A worker registers again under the same name and host after a restart and keeps its id.' })
export class RegisterWorkerInput {
  @Field(() => String) name: string;
  @Field(() => String) host: string;
  @Field(() => Int) cpus: number;
  @Field(() => Float) memoryBytes: number;
  @Field(() => [GpuInput], { nullable: true }) gpus?: GpuInput[] | null;
}
