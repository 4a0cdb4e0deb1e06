import { println, type Context } from '../context';
import { ApiError, CliError, EXIT } from '../errors';
import { formatMetric, meanStd, shortKey, table } from '../format';
import { FollowState, type RunEventData } from '../follow-state';
import { LEADERBOARD, RUN, RUN_EVENTS, STUDY, STUDY_ANALYSIS, type RunNode, type StudyNode } from '../operations';
import { resolveStudyId } from './export';

const REFRESH_MS = 10_000;
const TTY_FRAME_MS = 100;

interface Target {
  studyId: string;
  studyName: string;
  metricKey: string;
  /** Set when following one run. */
  runId?: string;
  runs: () => Promise<RunNode[]>;
}

/** A study id or name, or a run id. */
async function resolveTarget(context: Context, ref: string): Promise<Target> {
  const api = context.api();
  const studyTarget = (study: StudyNode): Target => ({
    studyId: study.id,
    studyName: study.name,
    metricKey: study.primaryMetric,
    runs: async () => (await api.request<{ study: StudyNode }>(STUDY, { id: study.id })).study.runs,
  });
  try {
    return studyTarget((await api.request<{ study: StudyNode }>(STUDY, { id: ref })).study);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
  }
  try {
    const { run } = await api.request(RUN, { id: ref });
    return {
      studyId: run.study.id,
      studyName: run.study.name,
      metricKey: run.study.primaryMetric,
      runId: run.id,
      runs: async () => [(await api.request<{ run: RunNode }>(RUN, { id: ref })).run],
    };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
  }
  const id = await resolveStudyId(context, ref);
  return studyTarget((await api.request<{ study: StudyNode }>(STUDY, { id })).study);
}

export async function followRuns(context: Context, ref: string, options: { intervalSeconds: number }): Promise<void> {
  const target = await resolveTarget(context, ref);
  const state = new FollowState(target.metricKey);
  const out = context.stdout;
  const tty = Boolean(out.isTTY);
  state.applySnapshot(await target.runs());
  println(context.stderr, target.runId ? `following run ${target.runId} of study "${target.studyName}"` : `following study "${target.studyName}" (${state.size} runs)`);

  const subscriptions = context.api().subscriptions();
  const view = tty ? new TtyView(out) : new LogView(out, options.intervalSeconds * 1000);
  let finish!: (error?: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => (finish = (error?: unknown) => (error ? reject(error) : resolve())));
  const check = () => {
    view.update(state);
    if (state.allTerminal()) finish();
  };
  for (const runId of state.ids()) {
    subscriptions.subscribe<{ runEvents: RunEventData }>(RUN_EVENTS, { runId }, {
      next: (data) => {
        const { statusChanged } = state.applyEvent(data.runEvents);
        if (statusChanged) view.statusChanged(data.runEvents.runId);
        check();
      },
      error: (error) => finish(error),
    });
  }
  // A snapshot now (events may have landed before the subscriptions) and every few seconds (a missed event heals).
  const refresh = async () => {
    try {
      state.applySnapshot(await target.runs());
      check();
    } catch (error) {
      if (error instanceof CliError && error.exitCode === EXIT.auth) finish(error);
    }
  };
  const refresher = setInterval(refresh, REFRESH_MS);
  const stopInterrupt = context.onInterrupt(() => finish(new CliError(`stopped following (${state.counts()}); the runs go on`, EXIT.interrupted)));
  void refresh();
  try {
    await finished;
  } finally {
    clearInterval(refresher);
    stopInterrupt();
    view.close(state);
    await subscriptions.dispose().catch(() => undefined);
  }
  println(context.stderr, `all runs ended: ${state.counts()}`);
  if (target.runId) await printRunResult(context, target.runId, target.metricKey);
  else await printLeaderboard(context, target.studyId);
  if (state.anyFailed()) throw new CliError('a run failed (see its line above; `tunelab runs show <run>` for the error)', EXIT.apiError);
}

/** Redraws one line per run in place (ANSI cursor movement), at most every 100 ms. */
class TtyView {
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;
  private latest: FollowState | null = null;

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {
    out.write('\x1b[?25l');
  }

  statusChanged(): void {}

  update(state: FollowState): void {
    this.latest = state;
    this.timer ??= setTimeout(() => this.draw(), TTY_FRAME_MS);
  }

  private draw(): void {
    this.timer = null;
    if (!this.latest) return;
    const columns = Math.max(20, (this.out.columns ?? 120) - 1);
    const lines = [...this.latest.lines().values()].map((line) => ([...line].length > columns ? [...line].slice(0, columns - 1).join('') + '…' : line));
    let frame = this.drawn ? `\x1b[${this.drawn}A` : '';
    for (const line of lines) frame += `\r\x1b[2K${line}\n`;
    this.out.write(frame);
    this.drawn = lines.length;
  }

  close(state: FollowState): void {
    if (this.timer) clearTimeout(this.timer);
    this.latest = state;
    this.draw();
    this.out.write('\x1b[?25h');
  }
}

/** Without a terminal: a line per run when it changes; at once for a status change, else at most every `intervalMs`. */
class LogView {
  private readonly printed = new Map<string, { line: string; at: number }>();
  private readonly urgent = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private latest: FollowState | null = null;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly intervalMs: number,
  ) {}

  statusChanged(runId: string): void {
    this.urgent.add(runId);
  }

  update(state: FollowState): void {
    this.latest = state;
    this.flush(false);
  }

  private flush(all: boolean): void {
    if (!this.latest) return;
    const now = Date.now();
    let waiting = false;
    for (const [id, line] of this.latest.lines()) {
      const last = this.printed.get(id);
      if (last?.line === line) continue;
      if (all || !last || this.urgent.has(id) || now - last.at >= this.intervalMs) {
        this.out.write(`${new Date(now).toISOString().slice(11, 19)}  ${line}\n`);
        this.printed.set(id, { line, at: now });
        this.urgent.delete(id);
      } else waiting = true;
    }
    if (waiting && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush(false);
      }, this.intervalMs);
    }
  }

  close(state: FollowState): void {
    if (this.timer) clearTimeout(this.timer);
    this.latest = state;
    this.flush(true);
  }
}

export async function printLeaderboard(context: Context, studyId: string): Promise<void> {
  const out = (text = '') => println(context.stdout, text);
  const { leaderboard } = await context.api().request(LEADERBOARD, { studyId });
  out();
  out(`leaderboard by ${leaderboard.metric} (${leaderboard.direction === 'DESC' ? 'higher is better' : 'lower is better'})`);
  if (!leaderboard.rows.length) out('  no succeeded runs to rank');
  else out(table(['rank', 'method', 'seed', shortKey(leaderboard.metric), 'run'], leaderboard.rows.map((row: any) => [String(row.rank), row.method, String(row.seed), formatMetric(row.value), row.run.id])));
  for (const excluded of leaderboard.excluded) out(`not ranked: ${excluded.run.method} seed ${excluded.run.seed} (${excluded.run.id}): ${excluded.reason}`);
  try {
    const { studyAnalysis } = await context.api().request(STUDY_ANALYSIS, { studyId });
    if (studyAnalysis.methods.length) {
      out();
      out(`per method, mean ± std over seeds of ${studyAnalysis.qualityMetric}`);
      out(
        table(
          ['method', 'seeds', shortKey(studyAnalysis.qualityMetric), 'train time (s)'],
          studyAnalysis.methods.map((m: any) => {
            const time = m.costs.find((c: any) => c.axis === 'trainSeconds');
            return [m.label, String(m.seeds.length), meanStd(m.quality.mean, m.quality.std), time?.mean != null ? time.mean.toFixed(1) : '—'];
          }),
        ),
      );
      for (const comparison of studyAnalysis.comparisons) out(comparison.verdict);
      if (studyAnalysis.baseline) out(`majority-class baseline: accuracy ${formatMetric(studyAnalysis.baseline.accuracy)}, macro-F1 ${formatMetric(studyAnalysis.baseline.f1Macro)}`);
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
}

async function printRunResult(context: Context, runId: string, metricKey: string): Promise<void> {
  const { run } = await context.api().request(RUN, { id: runId });
  println(context.stdout, `run ${run.id}: ${run.status}${run.errorCode ? ` ${run.errorCode}: ${run.errorMessage}` : ''}`);
  if (run.finalMetrics) {
    const metrics = Object.entries(run.finalMetrics as Record<string, number>).sort(([a], [b]) => (a === metricKey ? -1 : b === metricKey ? 1 : a.localeCompare(b)));
    println(context.stdout, table(['metric', 'value'], metrics.map(([key, value]) => [key, typeof value === 'number' ? formatMetric(value) : String(value)])));
  }
}
