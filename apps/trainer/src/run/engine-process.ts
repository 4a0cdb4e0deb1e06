import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { type EngineEvent, parseEngineLine } from './engine-events';

export interface EngineExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface EngineProcess {
  pid: number | undefined;
  exited: Promise<EngineExit>;
  /** SIGTERM: the engine finishes its step, checkpoints and exits. */
  stop(): void;
  kill(): void;
}

export interface EngineLaunch {
  python: string;
  specFile: string;
  resume: boolean;
  onEvent: (event: EngineEvent) => void;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** DDP processes (one per GPU): the engine launches them with torchrun when above 1. */
  processes?: number;
}

/** One engine process: `python -m tunelab_engine run --spec …`. Events come on stdout, human logs on stderr. */
export function launchEngine(launch: EngineLaunch): EngineProcess {
  const processes = launch.processes ?? 1;
  const args = ['-m', 'tunelab_engine', 'run', '--spec', launch.specFile, ...(launch.resume ? ['--resume'] : []), ...(processes > 1 ? ['--nproc', String(processes)] : [])];
  const child: ChildProcess = spawn(launch.python, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // TUNELAB_ENGINE_DIE_WITH_PARENT: if this daemon is SIGKILLed, the engine dies with it (Linux PR_SET_PDEATHSIG)
    // instead of training on unseen, and perhaps writing a checkpoint past events this daemon never journaled.
    env: { ...process.env, PYTHONUNBUFFERED: '1', HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', TUNELAB_ENGINE_DIE_WITH_PARENT: '1', ...launch.env },
  });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.trim()) return;
    const parsed = parseEngineLine(line);
    if ('event' in parsed) launch.onEvent(parsed.event);
    else launch.log(`engine stdout is not an event (${parsed.problem})`);
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => launch.log(line));
  const exited = new Promise<EngineExit>((resolve) => {
    child.once('error', (error) => {
      launch.log(`could not start the engine with ${launch.python}: ${error.message}`);
      resolve({ code: 127, signal: null });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid,
    exited,
    stop: () => void child.kill('SIGTERM'),
    kill: () => void child.kill('SIGKILL'),
  };
}
