import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Command } from 'commander';
import { println, type Context } from '../context';
import { CliError, EXIT } from '../errors';

/** The built daemon of apps/trainer, when this install has it. */
export function trainerMain(): string {
  let manifest: string;
  try {
    manifest = require.resolve('@tunelab/trainer/package.json');
  } catch {
    throw new CliError('the trainer daemon (@tunelab/trainer) is not installed here; run tunelab from the tunelab repository (npm ci && npm run build)', EXIT.usage);
  }
  const main = path.join(path.dirname(manifest), 'dist', 'main.js');
  if (!require('node:fs').existsSync(main)) throw new CliError(`${main} is missing: build it first (npx turbo run build --filter=@tunelab/trainer)`, EXIT.usage);
  return main;
}

export function registerTrainerCommand(program: Command, context: Context): void {
  program
    .command('trainer')
    .description('start a trainer daemon on this machine against the API at TUNELAB_URL (runs until Ctrl-C, which hands its run back to the queue)')
    .option('--name <name>', 'worker name (default trainer-<hostname>)')
    .option('--dir <dir>', 'work directory for journals, run outputs and split copies (default data/trainer)')
    .option('--python <python>', "the engine's Python (default apps/trainer/engine/.venv/bin/python)")
    .addHelpText('after', '\nOther settings pass through from the environment: TUNELAB_MAX_ATTEMPTS, TUNELAB_POLL_SECONDS, … (docs/trainer.md).')
    .action(async (options: { name?: string; dir?: string; python?: string }) => {
      const main = trainerMain();
      const { url, token } = context.connection();
      const env: NodeJS.ProcessEnv = { ...context.env, TUNELAB_API_URL: url, TUNELAB_TOKEN: token };
      if (options.name) env.TUNELAB_TRAINER_NAME = options.name;
      if (options.dir) env.TUNELAB_TRAINER_DIR = path.resolve(context.cwd, options.dir);
      if (options.python) env.TUNELAB_ENGINE_PYTHON = path.resolve(context.cwd, options.python);
      println(context.stderr, `starting the trainer daemon against ${url}`);
      // Its own process group: Ctrl-C reaches tunelab only, which passes each signal on exactly once (the daemon
      // hands its run back on the first and stops at once on the second).
      const child = spawn(process.execPath, [main], { env, cwd: context.cwd, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
      const stopForwarding = context.onInterrupt((signal) => child.kill(signal));
      const code = await new Promise<number>((resolve) => {
        child.once('error', (error) => {
          println(context.stderr, `cannot start the trainer: ${error.message}`);
          resolve(1);
        });
        child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal === 'SIGINT' ? 130 : 1)));
      });
      stopForwarding();
      if (code !== 0) throw new CliError(`the trainer daemon exited with code ${code}`, code === 130 ? EXIT.interrupted : EXIT.apiError);
    });
}
