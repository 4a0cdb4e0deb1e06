import type { Command } from 'commander';
import { println, type Context } from '../context';
import { CliError, EXIT } from '../errors';
import { table } from '../format';
import { API_TOKENS, CREATE_API_TOKEN, REVOKE_API_TOKEN } from '../operations';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  siteAdmin: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function registerTokenCommands(program: Command, context: Context): void {
  const token = program.command('token').description("your team's API tokens");

  token
    .command('create')
    .description('mint a token for your team; the secret alone goes to stdout (shown once: store it now)')
    .argument('<name>', 'what the token is for, e.g. ci')
    .option('--json', 'print {id, name, secret} as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const { createApiToken } = await context.api().request(CREATE_API_TOKEN, { name });
      if (options.json) return void println(context.stdout, JSON.stringify(createApiToken, null, 2));
      println(context.stderr, `created token "${createApiToken.name}" (${createApiToken.id}); the secret is shown only now:`);
      println(context.stdout, createApiToken.secret);
    });

  token
    .command('list')
    .description('the tokens of your team (never their secrets)')
    .option('--json', 'print the tokens as JSON')
    .action(async (options: { json?: boolean }) => {
      const { apiTokens } = await context.api().request<{ apiTokens: TokenRow[] }>(API_TOKENS);
      if (options.json) return void println(context.stdout, JSON.stringify(apiTokens, null, 2));
      println(
        context.stdout,
        table(
          ['id', 'name', 'prefix', 'created', 'last used', 'state'],
          apiTokens.map((t) => [t.id, t.name, t.prefix, day(t.createdAt), day(t.lastUsedAt), t.revokedAt ? `revoked ${day(t.revokedAt)}` : t.siteAdmin ? 'active, site admin' : 'active']),
        ),
      );
    });

  token
    .command('revoke')
    .description('stop a token at once')
    .argument('<token>', 'token id, or its name when only one active token has it')
    .action(async (ref: string) => {
      const { apiTokens } = await context.api().request<{ apiTokens: TokenRow[] }>(API_TOKENS);
      const byId = apiTokens.find((t) => t.id === ref);
      const byName = apiTokens.filter((t) => t.name === ref && !t.revokedAt);
      if (!byId && byName.length > 1) throw new CliError(`${byName.length} active tokens are named "${ref}"; revoke by id: ${byName.map((t) => t.id).join(', ')}`, EXIT.apiError);
      const id = byId?.id ?? byName[0]?.id ?? ref;
      const { revokeApiToken } = await context.api().request(REVOKE_API_TOKEN, { id });
      println(context.stdout, `revoked token "${revokeApiToken.name}" (${revokeApiToken.id})`);
    });
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
