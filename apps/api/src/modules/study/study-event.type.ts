import { Field, ID, ObjectType } from 'type-graphql';
import { Run } from '../run/run.entity';

@ObjectType({ description: "A run of the study changed status or landed its final metrics." })
export class StudyEvent {
  @Field(() => ID) studyId: string;
  @Field(() => Run) run: Run;
}

export type StudyEventPayload = StudyEvent;
