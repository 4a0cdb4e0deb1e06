import { Command, CommanderError, Option } from 'commander';
import { registerAuditCommand } from './commands/audit';
import { registerDataCommands } from './commands/data';
import { registerExportCommand } from './commands/export';
import { registerRunsCommands } from './commands/runs';
import { registerStudyCommands } from './commands/study';
import { registerTokenCommands } from './commands/token';
import { registerTrainerCommand } from './commands/trainer';
import { createContext, type Context } from './context';
import { CliError, EXIT } from './errors';

const VERSION = '0.1.0';

const HELP_FOOTER = `
Connection:
  TUNELAB_URL     the API (default http://127.0.0.1:4000; with or without /graphql)
  TUNELAB_TOKEN   the API token; else the file TUNELAB_TOKEN_FILE; else data/admin-token,
                  which the API writes on its first start: run tunelab from the repository root to use it

Exit codes:
  0  done
  1  the API refused the request (BAD_USER_INPUT, NOT_FOUND, CONFLICT, …) or a followed run failed
  2  bad flags or arguments; an unreadable or invalid study file (with line:column)
  3  cannot reach the API at TUNELAB_URL, or what answers there is not the tunelab API
  4  no token, an unknown or revoked token, or one not allowed to do this
  130  interrupted (Ctrl-C)

Examples:
  tunelab data synth --n 1500 --seed 1 -o data/synthetic-reviews.jsonl
  tunelab study create -f examples/demo-study.yaml
  tunelab runs follow <study id>
  tunelab export <study id> --format md -o report.md
More: docs/scripting.md`;

export function createProgram(context: Context): Command {
  const program = new Command('tunelab')
    .description('tunelab from the command line: studies from a file, live progress, reports, datasets, tokens, a trainer')
    .version(VERSION)
    .addOption(new Option('--url <url>', 'the API URL (overrides TUNELAB_URL)'))
    .showHelpAfterError('(tunelab --help for usage)')
    .addHelpText('after', HELP_FOOTER)
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .hook('preAction', (command) => {
      context.urlFlag = command.opts().url;
    });
  registerStudyCommands(program, context);
  registerRunsCommands(program, context);
  registerExportCommand(program, context);
  registerDataCommands(program, context);
  registerTokenCommands(program, context);
  registerAuditCommand(program, context);
  registerTrainerCommand(program, context);
  // every (sub)command: usage errors become exit 2 instead of commander's process.exit(1)
  const override = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

export interface RunOptions {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdout?: Context['stdout'];
  stderr?: NodeJS.WritableStream;
}

/** Runs one command line (argv without node and the script); resolves with the exit code. Never calls process.exit. */
export async function runCli(options: RunOptions): Promise<number> {
  const handlers = new Set<(signal: NodeJS.Signals) => void>();
  const context = createContext({
    env: options.env ?? process.env,
    cwd: options.cwd ?? process.cwd(),
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    onInterrupt: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (handlers.size === 0) process.exit(EXIT.interrupted);
    handlers.forEach((handler) => handler(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await createProgram(context).parseAsync(options.argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exitCode 0; every other commander error is a usage error
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      context.stderr.write(`tunelab: ${error.message}\n`);
      return error.exitCode;
    }
    context.stderr.write(`tunelab: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.apiError;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
