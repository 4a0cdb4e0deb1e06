import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { type RequestContext, requireViewer } from '../../graphql/context';
import { ApiToken } from './api-token.entity';
import { Team } from './team.entity';
import type { IssuedToken } from './team.service';

@ObjectType({ description: 'Who the token in use belongs to.' })
class Viewer {
  @Field(() => Team) team: Team;
  @Field(() => String) tokenName: string;
  @Field(() => Boolean) siteAdmin: boolean;
}

@ObjectType({ description: 'A newly created token. The secret is shown only here, once: store it now.' })
class CreatedToken {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) secret: string;
}

@ObjectType()
class CreatedTeam {
  @Field(() => Team) team: Team;
  @Field(() => CreatedToken) adminToken: CreatedToken;
}

const created = ({ token, secret }: IssuedToken): CreatedToken => ({ id: token.id, name: token.name, secret });

@Resolver()
export class TeamResolver {
  @Query(() => Viewer)
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const viewer = requireViewer(ctx);
    return { team: await ctx.services.teams.getTeam(ctx.em, viewer), tokenName: viewer.tokenName, siteAdmin: viewer.siteAdmin };
  }

  @Query(() => [ApiToken], { description: "Your team's tokens (never their secrets)." })
  apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return ctx.services.teams.listTokens(ctx.em, requireViewer(ctx));
  }

  @Mutation(() => CreatedToken)
  async createApiToken(@Arg('name', () => String) name: string, @Ctx() ctx: RequestContext): Promise<CreatedToken> {
    return created(await ctx.services.teams.createToken(ctx.em, requireViewer(ctx), name));
  }

  @Mutation(() => ApiToken)
  revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ApiToken> {
    return ctx.services.teams.revokeToken(ctx.em, requireViewer(ctx), id);
  }

  @Mutation(() => CreatedTeam, { description: 'Site admin only: a new team and its first token.' })
  async createTeam(@Arg('name', () => String) name: string, @Ctx() ctx: RequestContext): Promise<CreatedTeam> {
    const { team, issued } = await ctx.services.teams.createTeam(ctx.em, requireViewer(ctx), name);
    return { team, adminToken: created(issued) };
  }
}
