// Follows one run live over graphql-ws and prints its progress until it ends.
//   TUNELAB_URL=http://127.0.0.1:4000 TUNELAB_TOKEN=$(cat data/admin-token) node examples/scripts/follow-run.mjs <run id>
// Needs the packages graphql-ws and ws (in this repository's node_modules; elsewhere: npm i graphql-ws ws).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = (process.env.TUNELAB_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '').replace(/\/graphql$/, '');
const url = `${base}/graphql`;
const token = process.env.TUNELAB_TOKEN;
const runId = process.argv[2];
if (!token || !runId) {
  console.error('usage: TUNELAB_TOKEN=… node follow-run.mjs <run id>');
  process.exit(2);
}
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

async function query(document, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n'));
  return body.data;
}

const RUN = `query ($id: ID!) { run(id: $id) { id method seed status finalMetrics } }`;
const EVENTS = `subscription ($runId: ID!) { runEvents(runId: $runId) {
  kind status points { key step value } run { status progress { step totalSteps epoch samplesPerSecond etaSeconds } }
} }`;

async function main() {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
  let resolveDone;
  const done = new Promise((resolve, reject) => {
    resolveDone = resolve;
    client.subscribe({ query: EVENTS, variables: { runId } }, {
      next: ({ data, errors }) => {
        if (errors) return reject(new Error(errors.map((e) => e.message).join('\n')));
        const event = data.runEvents;
        if (event.kind === 'PROGRESS' && event.run?.progress) {
          const p = event.run.progress;
          console.log(`progress step ${p.step}/${p.totalSteps} epoch ${p.epoch.toFixed(2)} ${p.samplesPerSecond?.toFixed(1) ?? '?'} samples/s ETA ${p.etaSeconds ?? '?'}s`);
        }
        for (const point of event.points ?? []) console.log(`metric ${point.key} step ${point.step} = ${point.value.toFixed(4)}`);
        const status = event.status ?? event.run?.status;
        if (event.kind === 'STATUS') console.log(`status ${status}`);
        if (TERMINAL.has(status)) resolve();
      },
      error: reject,
      complete: resolve,
    });
  });
  // Subscribed first, then read the current state: a run that already ended is not waited for.
  const { run } = await query(RUN, { id: runId });
  console.log(`run ${run.id}: ${run.method} seed ${run.seed}, ${run.status}`);
  if (TERMINAL.has(run.status)) resolveDone();
  await done;
  await client.dispose();
  const final = (await query(RUN, { id: runId })).run;
  console.log(`final ${final.status} ${JSON.stringify(final.finalMetrics)}`);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
