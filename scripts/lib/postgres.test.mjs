import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startTempPostgres } from './postgres.mjs';

const binDir = findPostgresBin();
const skip = binDir ? false : 'PostgreSQL is not installed';

function psql(port, sql) {
  const client = existsSync(path.join(binDir, 'psql')) ? path.join(binDir, 'psql') : 'psql';
  return spawnSync(client, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'tunelab_test', '-tAc', sql], { encoding: 'utf8' });
}

test('a temporary cluster accepts connections on 127.0.0.1 and is gone after stop()', { skip }, async () => {
  const pg = await startTempPostgres({ binDir });
  try {
    assert.match(pg.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/tunelab_test$/);
    const result = psql(pg.port, 'select 1');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), '1');
    assert.equal(psql(pg.port, 'show listen_addresses').stdout.trim(), '127.0.0.1');
  } finally {
    pg.stop();
  }
  assert.equal(existsSync(pg.dir), false);
  assert.notEqual(psql(pg.port, 'select 1').status, 0);
  pg.stop(); // idempotent
});

test('Ctrl+C while a cluster runs stops it and removes its directory', { skip }, async () => {
  const script = `
    import { startTempPostgres } from ${JSON.stringify(path.join(path.dirname(fileURLToPath(import.meta.url)), 'postgres.mjs'))};
    const pg = await startTempPostgres({ binDir: ${JSON.stringify(binDir)} });
    console.log(JSON.stringify({ dir: pg.dir, port: pg.port }));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const started = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(JSON.parse(chunk)));
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  assert.equal(psql(started.port, 'select 1').status, 0);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.equal(existsSync(started.dir), false);
  assert.notEqual(psql(started.port, 'select 1').status, 0);
});
