import { main } from './okno.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`okno: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
