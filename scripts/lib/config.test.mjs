import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { REPO, platformConfig } from './config.mjs';

test('defaults: API on 4000, web on 3000, data in <repo>/data', () => {
  const config = platformConfig({});
  assert.equal(config.apiUrl, 'http://127.0.0.1:4000/graphql');
  assert.equal(config.wsUrl, 'ws://127.0.0.1:4000/graphql');
  assert.equal(config.webUrl, 'http://127.0.0.1:3000/');
  assert.equal(config.tokenFile, path.join(REPO, 'data', 'admin-token'));
  assert.equal(config.databaseUrl, undefined);
});

test('ports, data dir and database come from the environment', () => {
  const config = platformConfig({ TUNELAB_API_PORT: '4100', TUNELAB_WEB_PORT: '3100', TUNELAB_DATA_DIR: '/srv/tl', DATABASE_URL: 'postgres://x@h/db' });
  assert.equal(config.apiUrl, 'http://127.0.0.1:4100/graphql');
  assert.equal(config.webUrl, 'http://127.0.0.1:3100/');
  assert.equal(config.tokenFile, '/srv/tl/admin-token');
  assert.equal(config.databaseUrl, 'postgres://x@h/db');
});

test('a bad port names the variable', () => {
  assert.throws(() => platformConfig({ TUNELAB_WEB_PORT: 'web' }), /TUNELAB_WEB_PORT=web is not a port/);
});
