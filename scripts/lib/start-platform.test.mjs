import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { platformConfig } from './config.mjs';
import { freePort, isPortFree } from './net.mjs';
import { startPlatform } from './start.mjs';

// Stand-ins for the built apps: each answers GET / with the environment it was given; GET /exit makes it exit 3.
const SERVER = (portExpr, readyLine) => `
  const http = require('node:http');
  const port = ${portExpr};
  http.createServer((req, res) => {
    if (req.url === '/exit') process.exit(3);
    res.end(JSON.stringify({ env: process.env, argv: process.argv, cwd: process.cwd() }));
  }).listen(port, '127.0.0.1', () => ${readyLine});`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'tunelab-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name, text) => (writeFileSync(path.join(dir, name), text), path.join(dir, name));
const layout = {
  apiMain: file('api.js', SERVER('Number(process.env.PORT)', "console.log('tunelab API listening on http://127.0.0.1:' + port + '/graphql')")),
  webMain: file('web.js', SERVER("Number(process.argv[process.argv.indexOf('-p') + 1])", 'undefined')),
  webBuildMarker: file('BUILD_ID', 'x'),
  webDir: dir,
  trainerMain: path.join(dir, 'no-trainer.js'),
};

const getJson = (url) =>
  new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });

async function configWithFreePorts() {
  return platformConfig({ TUNELAB_API_PORT: String(await freePort()), TUNELAB_WEB_PORT: String(await freePort()), TUNELAB_DATA_DIR: path.join(dir, 'data') });
}

test('starts the API then the web app with the documented environment, and stops all when one exits', async () => {
  const config = await configWithFreePorts();
  const running = startPlatform({ config, layout });
  let api;
  for (let i = 0; i < 100 && !api; i++) {
    api = await getJson(`http://127.0.0.1:${config.apiPort}/`).catch(() => null);
    if (!api) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(api, 'the API answered');
  assert.equal(api.env.HOST, '127.0.0.1');
  assert.equal(api.env.PORT, String(config.apiPort));
  assert.equal(api.env.TUNELAB_DATA_DIR, path.join(dir, 'data'));
  assert.equal(api.env.TUNELAB_WEB_ORIGIN, `http://127.0.0.1:${config.webPort},http://localhost:${config.webPort}`);

  let web;
  for (let i = 0; i < 100 && !web; i++) {
    web = await getJson(config.webUrl).catch(() => null);
    if (!web) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(web, 'the web app answered');
  assert.deepEqual(web.argv.slice(2), ['start', '-H', '127.0.0.1', '-p', String(config.webPort)]);
  assert.equal(web.env.TUNELAB_API_URL, config.apiUrl);
  assert.equal(web.env.TUNELAB_TOKEN_FILE, path.join(dir, 'data', 'admin-token'));
  assert.equal(web.cwd, dir);

  http.get(`http://127.0.0.1:${config.apiPort}/exit`).on('error', () => {});
  assert.equal(await running, 1);
  assert.equal(await isPortFree(config.webPort), true, 'the web app was stopped too');
});

test('a busy port is reported with the variable that changes it', async () => {
  const config = await configWithFreePorts();
  const blocker = net.createServer().listen(config.webPort, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  try {
    await assert.rejects(startPlatform({ config, layout }), new RegExp(`port ${config.webPort} .* TUNELAB_WEB_PORT=${config.webPort + 1}`));
  } finally {
    blocker.close();
  }
});

test('Ctrl+C stops every child and exits 0', async () => {
  const config = await configWithFreePorts();
  const startModule = path.join(path.dirname(fileURLToPath(import.meta.url)), 'start.mjs');
  const script = `
    const { startPlatform } = await import(${JSON.stringify(startModule)});
    process.exitCode = await startPlatform(${JSON.stringify({ config, layout })});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => (output += chunk) && output.includes('Ctrl+C to stop') && resolve());
    child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  child.kill('SIGINT'); // npm forwards Ctrl+C on top of the terminal's: a second signal must not change anything
  assert.equal(await exited, 0);
  assert.match(output, /received SIGINT; stopping/);
  assert.equal(await isPortFree(config.apiPort), true);
  assert.equal(await isPortFree(config.webPort), true);
});
