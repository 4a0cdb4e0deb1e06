import type { EntityManager } from '@mikro-orm/knex';
import { generateTokenSecret, hashTokenSecret, nameProblem, tokenPrefix } from '@tunelab/core';
import type { Viewer } from '../../graphql/context';
import { recordAudit } from '../audit/audit.service';
import { ApiToken } from './api-token.entity';
import type { AuthService } from './auth.service';
import { teamErrors } from './team.errors';
import { Team } from './team.entity';
import { User } from './user.entity';

export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

export class TeamService {
  constructor(private readonly auth: AuthService) {}

  getTeam(em: EntityManager, viewer: Viewer): Promise<Team> {
    return em.findOneOrFail(Team, viewer.teamId);
  }

  /** A new team with its first admin token. Site admin only: teams are the boundary of visibility. */
  async createTeam(em: EntityManager, viewer: Viewer, rawName: string): Promise<{ team: Team; issued: IssuedToken }> {
    if (!viewer.siteAdmin) throw teamErrors.notSiteAdmin();
    const name = rawName.trim();
    const problem = nameProblem(rawName, 'name');
    if (problem) throw teamErrors.badName('name', problem);
    if (await em.count(Team, { name })) throw teamErrors.nameTaken(name);
    const team = em.create(Team, { name });
    const issued = this.issueToken(em, team, `${name} admin`, false);
    recordAudit(em, viewer, 'team.created', { type: 'Team', id: team.id }, { name, adminTokenId: issued.token.id, adminTokenName: issued.token.name });
    await em.flush();
    return { team, issued };
  }

  async createToken(em: EntityManager, viewer: Viewer, rawName: string): Promise<IssuedToken> {
    const problem = nameProblem(rawName, 'name');
    if (problem) throw teamErrors.badName('name', problem);
    const team = em.getReference(Team, viewer.teamId);
    const issued = this.issueToken(em, team, rawName.trim(), false);
    recordAudit(em, viewer, 'token.created', { type: 'ApiToken', id: issued.token.id }, { name: issued.token.name, prefix: issued.token.prefix });
    await em.flush();
    return issued;
  }

  listTokens(em: EntityManager, viewer: Viewer): Promise<ApiToken[]> {
    return em.find(ApiToken, { team: viewer.teamId }, { orderBy: { createdAt: 'asc' } });
  }

  async revokeToken(em: EntityManager, viewer: Viewer, id: string): Promise<ApiToken> {
    const token = await em.findOne(ApiToken, { id, team: viewer.teamId });
    if (!token) throw teamErrors.tokenNotFound(id);
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      recordAudit(em, viewer, 'token.revoked', { type: 'ApiToken', id: token.id }, { name: token.name, prefix: token.prefix });
      await em.flush();
      this.auth.forget();
    }
    return token;
  }

  /** On an empty database: a local team, its admin user and a site-admin token. Returns null when teams exist. */
  async bootstrapIfEmpty(em: EntityManager): Promise<IssuedToken | null> {
    if (await em.count(Team, {})) return null;
    const team = em.create(Team, { name: 'local' });
    const user = em.create(User, { team, email: 'admin@localhost', name: 'Local admin' });
    const issued = this.issueToken(em, team, 'local admin', true, user);
    recordAudit(em, { team, tokenId: null, tokenName: 'first start' }, 'team.created', { type: 'Team', id: team.id }, { name: team.name, adminTokenId: issued.token.id, adminTokenName: issued.token.name });
    await em.flush();
    return issued;
  }

  private issueToken(em: EntityManager, team: Team, name: string, siteAdmin: boolean, user: User | null = null): IssuedToken {
    const secret = generateTokenSecret();
    const token = em.create(ApiToken, {
      team,
      user,
      name,
      siteAdmin,
      prefix: tokenPrefix(secret),
      secretHash: hashTokenSecret(secret),
    });
    return { token, secret };
  }
}
