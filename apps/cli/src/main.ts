#!/usr/bin/env node
import { runCli } from './cli';

runCli({ argv: process.argv.slice(2) }).then((code) => {
  process.exitCode = code;
  // an open live connection or timer must not keep a finished command alive
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
