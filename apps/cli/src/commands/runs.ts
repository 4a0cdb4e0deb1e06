import { isRunStatus, RUN_STATUSES } from '@tunelab/core';
import { InvalidArgumentError, type Command } from 'commander';
import { println, type Context } from '../context';
import { formatDuration, formatMetric, shortKey, table } from '../format';
import { CANCEL_RUN, RUN, RUNS, type RunNode } from '../operations';
import { followRuns } from './follow';
import { resolveStudyId } from './export';

type ListedRun = RunNode & { study: { id: string; name: string; primaryMetric: string } };

export function registerRunsCommands(program: Command, context: Context): void {
  const runs = program.command('runs').description('runs: list, show, cancel, follow live');

  runs
    .command('list')
    .description('list runs, newest first')
    .option('-s, --study <study>', 'only runs of this study (id or name)')
    .option('--status <status>', `only runs in this status: ${RUN_STATUSES.join(', ')}`, (value: string) => {
      const upper = value.toUpperCase();
      if (!isRunStatus(upper)) throw new InvalidArgumentError(`must be one of ${RUN_STATUSES.join(', ')}`);
      return upper;
    })
    .option('-m, --method <method>', 'only runs of this method')
    .option('--limit <n>', 'at most this many runs (default 50; paged 200 at a time)', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number, at least 1');
      return n;
    })
    .option('--json', 'print the runs as JSON')
    .action(async (options: { study?: string; status?: string; method?: string; limit?: number; json?: boolean }) => {
      const studyId = options.study ? await resolveStudyId(context, options.study) : undefined;
      const filter = { studyId, status: options.status, method: options.method };
      const limit = options.limit ?? 50;
      const found: ListedRun[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: { runs: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: ListedRun }[] } } = await context
          .api()
          .request(RUNS, { filter, first: Math.min(200, limit - found.length), after });
        total = page.runs.totalCount;
        found.push(...page.runs.edges.map((edge) => edge.node));
        after = page.runs.pageInfo.hasNextPage ? page.runs.pageInfo.endCursor : null;
      } while (after && found.length < limit);
      if (options.json) return void println(context.stdout, JSON.stringify(found, null, 2));
      if (!found.length) return void println(context.stderr, 'no runs');
      println(
        context.stdout,
        table(
          ['run', 'study', 'method', 'seed', 'status', 'progress', 'metric', 'value', 'train time'],
          found.map((run) => {
            const key = run.study.primaryMetric;
            return [
              run.id,
              run.study.name,
              run.method,
              String(run.seed),
              run.status + (run.errorCode ? ` (${run.errorCode})` : ''),
              run.progress ? `${run.progress.step}/${run.progress.totalSteps}` : '—',
              shortKey(key),
              formatMetric(run.finalMetrics?.[key]),
              formatDuration(run.trainSeconds),
            ];
          }),
        ),
      );
      if (total > found.length) println(context.stderr, `${found.length} of ${total} runs; --limit for more`);
    });

  runs
    .command('show')
    .description('one run: status, hyperparameters, final metrics, retries, checkpoints')
    .argument('<run>', 'run id')
    .option('--json', 'print the run as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { run } = await context.api().request(RUN, { id });
      if (options.json) return void println(context.stdout, JSON.stringify(run, null, 2));
      const out = (text: string) => println(context.stdout, text);
      out(`run ${run.id}: ${run.method} seed ${run.seed} on ${run.baseModel}`);
      out(`study ${run.study.id} "${run.study.name}"`);
      out(`status ${run.status}${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}${run.worker ? ` on ${run.worker.name}@${run.worker.host}` : ''}${run.device ? ` (${run.device})` : ''}`);
      if (run.errorCode) out(`error ${run.errorCode}: ${run.errorMessage}`);
      if (run.progress) out(`progress step ${run.progress.step}/${run.progress.totalSteps}, epoch ${run.progress.epoch.toFixed(2)}, ETA ${formatDuration(run.progress.etaSeconds)}`);
      const hp = Object.entries(run.hyperparameters as Record<string, unknown>).filter(([, value]) => value != null);
      out(`hyperparameters ${hp.map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : value}`).join(' ')}`);
      if (run.trainableParameters != null) out(`parameters ${run.trainableParameters} trainable of ${run.totalParameters}`);
      if (run.trainSeconds != null) out(`train time ${formatDuration(run.trainSeconds)}${run.evalSeconds != null ? `, eval ${formatDuration(run.evalSeconds)}` : ''}`);
      if (run.finalMetrics) {
        out('final metrics');
        out(table(['metric', 'value'], Object.entries(run.finalMetrics as Record<string, number>).map(([key, value]) => [key, typeof value === 'number' ? formatMetric(value) : String(value)])));
      }
      for (const retry of run.retries) out(`retry attempt ${retry.attempt}: ${retry.code} ${retry.reason}`);
      if (run.checkpoints.length) out(`checkpoints ${run.checkpoints.map((c: { epoch: number; step: number }) => `epoch ${c.epoch} step ${c.step}`).join(', ')}`);
    });

  runs
    .command('cancel')
    .description('cancel queued or running runs (a running one stops within about 10 s)')
    .argument('<runs...>', 'run ids')
    .action(async (ids: string[]) => {
      for (const id of ids) {
        const { cancelRun } = await context.api().request(CANCEL_RUN, { runId: id });
        println(context.stdout, `${cancelRun.id} ${cancelRun.status}`);
      }
    });

  runs
    .command('follow')
    .description('live progress of a study\'s runs (or one run): epoch, step, samples/s, ETA, loss and the eval metric; ends with the leaderboard when every run has finished')
    .argument('<study|run>', 'study id or name, or run id')
    .option('--interval <seconds>', 'without a terminal: print a run\'s line at most this often (default 5)', (value: string) => {
      const n = Number(value);
      if (!(n >= 0)) throw new InvalidArgumentError('must be a number of seconds');
      return n;
    })
    .addHelpText('after', '\nExit code 0 when every run ended without failing, 1 when a run FAILED, 130 on Ctrl-C (the runs keep going).')
    .action((ref: string, options: { interval?: number }) => followRuns(context, ref, { intervalSeconds: options.interval ?? 5 }));
}
