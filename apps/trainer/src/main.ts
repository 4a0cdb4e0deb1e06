#!/usr/bin/env node
import { parseEnv } from './env';
import { createTrainer } from './trainer';

function main(): void {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`tunelab trainer: invalid environment:\n${parsed.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exit(1);
  }
  const trainer = createTrainer(parsed.config);
  let signals = 0;
  const onSignal = (signal: string) => {
    signals += 1;
    if (signals === 1) {
      console.log(`tunelab trainer: ${signal}: the engine checkpoints and its run goes back to the queue (again to kill it now)`);
      void trainer.stop();
    } else {
      trainer.kill();
      process.exit(130);
    }
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  trainer.done.then(
    () => process.exit(0),
    (error) => {
      console.error('tunelab trainer: stopped on an error:', error);
      process.exit(1);
    },
  );
}

main();
