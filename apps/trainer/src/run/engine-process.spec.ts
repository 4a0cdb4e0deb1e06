import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './engine-events';
import { launchEngine } from './engine-process';

describe('launchEngine', () => {
  it('asks the engine to die with the daemon, so a SIGKILLed daemon leaves no engine training on', async () => {
    // A stand-in "python" that reports, as an event, the environment the engine would see.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-engine-process-'));
    const python = path.join(dir, 'python');
    fs.writeFileSync(python, `#!${process.execPath}\nconsole.log(JSON.stringify({ v: 1, type: 'started', dieWithParent: process.env.TUNELAB_ENGINE_DIE_WITH_PARENT, args: process.argv.slice(2) }));\n`);
    fs.chmodSync(python, 0o755);
    const events: EngineEvent[] = [];
    const engine = launchEngine({ python, specFile: 'run.json', resume: true, onEvent: (event) => events.push(event), log: () => {} });
    expect(await engine.exited).toEqual({ code: 0, signal: null });
    expect(events).toEqual([{ v: 1, type: 'started', dieWithParent: '1', args: ['-m', 'tunelab_engine', 'run', '--spec', 'run.json', '--resume'] }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
