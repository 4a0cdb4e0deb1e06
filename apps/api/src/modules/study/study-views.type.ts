import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SortDirection } from '../run/dto/run-query.input';
import { Run } from '../run/run.entity';

@ObjectType()
export class RunCounts {
  @Field(() => Int) queued: number;
  @Field(() => Int, { description: 'Claimed or running.' }) running: number;
  @Field(() => Int) succeeded: number;
  @Field(() => Int) failed: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Int) total: number;
}

@ObjectType()
export class LeaderboardRow {
  @Field(() => Int, { description: 'Competition ranking: equal values share a rank.' }) rank: number;
  @Field(() => Run) run: Run;
  @Field(() => String) method: string;
  @Field(() => Int) seed: number;
  @Field(() => Float) value: number;
}

@ObjectType({ description: 'A succeeded run left off a leaderboard because it cannot be compared with the ranked ones.' })
export class LeaderboardExclusion {
  @Field(() => Run) run: Run;
  @Field(() => String) reason: string;
}

@ObjectType({ description: 'Succeeded runs of a study ranked by one metric, best first; only runs evaluated on the same split.' })
export class Leaderboard {
  @Field(() => String) metric: string;
  @Field(() => SortDirection, { description: 'DESC when higher is better.' }) direction: SortDirection;
  @Field(() => [LeaderboardRow]) rows: LeaderboardRow[];
  @Field(() => [LeaderboardExclusion], { description: 'Succeeded runs not ranked, with why (e.g. another split).' }) excluded: LeaderboardExclusion[];
}
