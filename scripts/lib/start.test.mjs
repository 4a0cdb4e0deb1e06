import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { startService, stopAll } from './start.mjs';

// Running, not a zombie (an orphan nobody reaped yet).
const alive = (pid) => {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
};

// Like `next start`: the service forks a child that would outlive it.
function serviceWithGrandchild(grandchildIgnoresTerm) {
  const grandchild = `${grandchildIgnoresTerm ? "process.on('SIGTERM', () => {});" : ''} console.log('ready'); setInterval(() => {}, 1000);`;
  const parent = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => console.log('grandchild ' + child.pid));
    process.on('SIGTERM', () => process.exit(0));
    setInterval(() => {}, 1000);`;
  return new Promise((resolve) => {
    const service = startService('fake', ['-e', parent], {
      onLine: (line) => line.startsWith('grandchild ') && resolve({ service, grandchild: Number(line.split(' ')[1]) }),
    });
  });
}

test('stopping a service also stops the process its child forked (its process group)', async () => {
  const { service, grandchild } = await serviceWithGrandchild(false);
  assert.ok(alive(grandchild));
  await stopAll();
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(service.exited, true);
  assert.equal(alive(grandchild), false);
});

test('a process that ignores SIGTERM is killed after the 5 s grace period', async () => {
  const { grandchild } = await serviceWithGrandchild(true);
  const started = Date.now();
  await stopAll();
  assert.equal(alive(grandchild), false);
  assert.ok(Date.now() - started >= 4900, 'waited for the grace period');
});
