import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { RunStatus } from '@tunelab/core';
import { MetricPoint } from '../metric/metric-point.type';
import { Checkpoint } from './checkpoint.entity';
import { Run } from './run.entity';
import { RunStatusEnum } from './run-status.type';

export enum RunEventKind {
  METRICS = 'METRICS',
  STATUS = 'STATUS',
  CHECKPOINT = 'CHECKPOINT',
  PROGRESS = 'PROGRESS',
}
registerEnumType(RunEventKind, { name: 'RunEventKind' });

@ObjectType({ description: 'Something happened to a run: new metric points, a status change, or a checkpoint.' })
export class RunEvent {
  @Field(() => RunEventKind) kind: RunEventKind;
  @Field(() => ID) runId: string;
  @Field(() => RunStatusEnum, { nullable: true }) status?: RunStatus | null;
  @Field(() => [MetricPoint], { nullable: true, description: 'METRICS: only points stored for the first time.' }) points?: MetricPoint[] | null;
  @Field(() => Checkpoint, { nullable: true }) checkpoint?: Checkpoint | null;
  @Field(() => Run, { nullable: true, description: 'STATUS and PROGRESS: the run as it is now (see run.progress).' }) run?: Run | null;
}

export type RunEventPayload = RunEvent;
