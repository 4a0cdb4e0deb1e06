import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One logged value of a metric at a training step.' })
export class MetricPoint {
  @Field(() => String, { description: 'split/name in snake case, e.g. train/loss.' }) key: string;
  @Field(() => Int) step: number;
  @Field(() => Float, { nullable: true }) epoch: number | null;
  @Field(() => Float) value: number;
  @Field(() => Float, { description: 'Seconds since the Unix epoch.' }) wallTime: number;
}

@InputType()
export class MetricPointInput {
  @Field(() => String) key: string;
  @Field(() => Int) step: number;
  @Field(() => Float, { nullable: true }) epoch?: number | null;
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true, description: 'Seconds since the Unix epoch; default: when the API received it.' }) wallTime?: number | null;
}

@InputType({ description: 'One metric in columns: point i is (key, steps[i], values[i], epochs[i], wallTimes[i]). The compact ingest form.' })
export class MetricSeriesInput {
  @Field(() => String) key: string;
  @Field(() => [Int]) steps: number[];
  @Field(() => [Float]) values: number[];
  @Field(() => [Float], { nullable: 'itemsAndList' }) epochs?: (number | null)[] | null;
  @Field(() => [Float], { nullable: 'itemsAndList', description: 'Seconds since the Unix epoch; default: when the API received them.' }) wallTimes?: (number | null)[] | null;
}

@ObjectType({ description: 'Steps grouped into one bucket of a downsampled series; min and max keep the extremes visible.' })
export class MetricBucket {
  @Field(() => Int) stepStart: number;
  @Field(() => Int) stepEnd: number;
  @Field(() => Int) lastStep: number;
  @Field(() => Float) min: number;
  @Field(() => Float) max: number;
  @Field(() => Float) last: number;
  @Field(() => Int) count: number;
}

@ObjectType()
export class MetricSeries {
  @Field(() => String) key: string;
  @Field(() => Int) totalPoints: number;
  @Field(() => [MetricBucket]) buckets: MetricBucket[];
}

@ObjectType()
export class LogMetricsResult {
  @Field(() => Int, { description: 'Points stored now.' }) accepted: number;
  @Field(() => Int, { description: 'Points already stored (a replayed batch), ignored.' }) duplicates: number;
}
