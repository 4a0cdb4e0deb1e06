import { type Command, InvalidArgumentError } from 'commander';
import { println, type Context } from '../context';
import { table } from '../format';
import { AUDIT_LOG, type AuditEventNode } from '../operations';

const PAGE = 200;

export function registerAuditCommand(program: Command, context: Context): void {
  program
    .command('audit')
    .description("your team's audit log, newest first: tokens created, used and revoked, teams created, runs cancelled, files replaced")
    .option('--limit <n>', 'at most this many events (default 50; paged 200 at a time)', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number, at least 1');
      return n;
    })
    .option('--before <cursor>', 'start below this cursor (printed after a full page)')
    .option('--json', 'print the events as JSON')
    .action(async (options: { limit?: number; before?: string; json?: boolean }) => {
      const limit = options.limit ?? 50;
      const events: AuditEventNode[] = [];
      let before: string | null = options.before ?? null;
      let more = false;
      do {
        const page: { auditLog: { events: AuditEventNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await context
          .api()
          .request(AUDIT_LOG, { limit: Math.min(PAGE, limit - events.length), before });
        events.push(...page.auditLog.events);
        more = page.auditLog.pageInfo.hasNextPage;
        before = page.auditLog.pageInfo.endCursor;
      } while (more && events.length < limit);
      if (options.json) return void println(context.stdout, JSON.stringify(events, null, 2));
      println(context.stdout, auditTable(events));
      if (more && before) println(context.stderr, `older events: tunelab audit --before ${before}`);
    });
}

/** One line per event: when, which token, what, on what, and the details as key=value. */
export function auditTable(events: AuditEventNode[]): string {
  return table(
    ['time', 'token', 'action', 'target', 'details'],
    events.map((event) => [
      event.createdAt.slice(0, 19).replace('T', ' '),
      event.tokenName,
      event.action,
      event.targetId ? `${event.targetType} ${event.targetId}` : event.targetType,
      Object.entries(event.details ?? {})
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' '),
    ]),
  );
}
