import { Field, Int, ObjectType } from 'type-graphql';
import { Run } from './run.entity';

@ObjectType()
export class RunEdge {
  @Field(() => String) cursor: string;
  @Field(() => Run) node: Run;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as after to get the next page.' }) endCursor: string | null;
}

@ObjectType()
export class RunConnection {
  @Field(() => [RunEdge]) edges: RunEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}
