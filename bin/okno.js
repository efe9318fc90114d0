#!/usr/bin/env node
// The `okno` command: runs the compiled CLI from dist/ (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('okno: not built yet — run "npm run build" in the okno folder first');
  process.exit(1);
}
await import(entry.href);
