#!/usr/bin/env node
// The `ner` command: loads the TypeScript sources through tsx, so it runs from any directory without a build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });

// `ner ... | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
