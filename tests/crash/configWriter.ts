/**
 * Child process of the config crash test: writes numberedConfig(START), START+1, … to TARGET as
 * fast as it can, through the two writers the product has (installConfig for a whole config,
 * updateConfigFile for a change), and prints `ok <index>` after each write returned. The parent
 * kills it with SIGKILL. Run directly by Node (type stripping), so it exercises the same modules.
 */
import { writeSync } from 'node:fs';
import { installConfig } from '../../electron/core/config/installConfig.ts';
import { updateConfigFile } from '../../electron/core/config/saveConfig.ts';
import { numberedConfig } from './configWriterConfigs.ts';

const [target, start] = process.argv.slice(2);
if (!target || !start || !Number.isInteger(Number(start))) {
  console.error('usage: configWriter.ts TARGET START');
  process.exit(2);
}

writeSync(1, 'ready\n');
for (let index = Number(start); ; index += 1) {
  const config = numberedConfig(index);
  if (index % 2 === 0) installConfig(target, config);
  else updateConfigFile(target, () => config);
  writeSync(1, `ok ${index}\n`);
}
