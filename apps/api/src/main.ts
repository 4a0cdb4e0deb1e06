import { parseEnv } from './env';
import { startServer } from './server';

async function main(): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`tunelab api: invalid environment:\n${parsed.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  const server = await startServer(parsed.env);
  if (server.adminToken) {
    console.log(`tunelab api: first start — created team "local" and its admin token (shown once):\n\n  ${server.adminToken.secret}\n\n  saved to ${server.adminToken.file} (readable only by you)\n`);
  }
  console.log(`tunelab api: database ${server.database}`);
  console.log(`tunelab api: listening on ${server.url} (subscriptions: ${server.wsUrl})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`tunelab api: ${signal}, stopping`);
    setTimeout(() => {
      console.error('tunelab api: connections did not close within 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error('tunelab api: failed to start:', error);
  process.exit(1);
});
