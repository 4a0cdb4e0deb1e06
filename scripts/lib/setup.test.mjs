import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installReason, nodeVersionProblem } from './setup.mjs';

const base = { hasNodeModules: true, lockSha: 'abc', stampSha: 'abc', npmRecordFresh: false };

test('npm ci runs when node_modules is missing', () => {
  assert.equal(installReason({ ...base, hasNodeModules: false }), 'node_modules is missing');
  assert.equal(installReason({ ...base, hasNodeModules: false, npmRecordFresh: true }), 'node_modules is missing');
});

test('nothing to install when the recorded lock hash matches', () => {
  assert.equal(installReason(base), null);
});

test('npm ci runs when package-lock.json changed since the last install', () => {
  assert.equal(installReason({ ...base, stampSha: 'old' }), 'package-lock.json changed since the last install');
  assert.equal(installReason({ ...base, stampSha: null }), 'no record of the last install');
});

test("npm's own up-to-date record (e.g. after a developer's `npm install x`) avoids a reinstall", () => {
  assert.equal(installReason({ ...base, stampSha: 'old', npmRecordFresh: true }), null);
  assert.equal(installReason({ ...base, stampSha: null, npmRecordFresh: true }), null);
});

test('Node 20.19+ and 22+ are accepted; older and 21 get a message saying what to install', () => {
  for (const ok of ['20.19.0', '20.20.2', '22.1.0', '24.0.0']) assert.equal(nodeVersionProblem(ok), null, ok);
  for (const bad of ['18.20.0', '20.18.1', '21.7.3']) assert.match(nodeVersionProblem(bad), /needs Node\.js 20\.19 or newer.*this is Node/, bad);
});
