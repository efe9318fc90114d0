// Lints texts as new files of the repo with the repo's ESLint config, in a process of its own.
// Reads [{ "text": "...", "file": "electron/core/rating/ratingSession.ts" }, …] on stdin; prints the
// rule ids reported for each, as a JSON array of arrays. Used by tests/unit/lint.test.ts.
// Why a process of its own: ESLint and typescript-eslint loaded inside the test runner's module
// graph gave no reports for some texts (CI, and here for no-misused-promises), which no user of
// `npm run lint` would ever see. Why the project service: with the repo's tsconfig projects
// (`parserOptions.project`), a text given for a file that exists on disk was typed, and at times
// parsed, as the file on disk; the project service opens the file with the text given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..');
const probes = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: {
      parserOptions: {
        project: null,
        projectService: true,
        tsconfigRootDir: root,
      },
    },
  },
});
const reports = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.text, { filePath: join(root, probe.file) });
  reports.push((result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`));
}
process.stdout.write(JSON.stringify(reports));
