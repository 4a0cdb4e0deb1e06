import type { RunStatus } from '@tunelab/core';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { RunStatusEnum } from '../run-status.type';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class RunFilter {
  @Field(() => ID, { nullable: true }) studyId?: string | null;
  @Field(() => String, { nullable: true }) method?: string | null;
  @Field(() => RunStatusEnum, { nullable: true }) status?: RunStatus | null;
}

@InputType({ description: 'Order by a final metric (runs without it last), or by creation time when metric is omitted.' })
export class RunSort {
  @Field(() => String, { nullable: true, description: 'A final metric key, e.g. eval/f1_macro.' }) metric?: string | null;
  @Field(() => SortDirection, { nullable: true, description: "Default: the metric's better end first (DESC for scores, ASC for losses and times); newest first without a metric." })
  direction?: SortDirection | null;
}
