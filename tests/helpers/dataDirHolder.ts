import { claimDataDir } from '../../electron/core/dataDirLock.ts';

/**
 * Run as its own process by tests (`node tests/helpers/dataDirHolder.ts DIR`): claims DIR, prints
 * "claimed <pid>", and holds it until its stdin closes (or it is killed).
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: dataDirHolder.ts DIR');
const claim = claimDataDir(dir);
process.stdout.write(`claimed ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  claim.release();
  process.exit(0);
});
