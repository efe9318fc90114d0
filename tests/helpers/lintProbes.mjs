// Lints texts as new files of the repo with the repo's ESLint config, in a process of its own.
// Reads [{ "text": "...", "folder": "electron/core" }, …] on stdin; prints the rule ids reported
// for each, as a JSON array of arrays. Used by tests/unit/lint.test.ts.
// Why a process of its own: ESLint and typescript-eslint loaded inside the test runner's module
// graph gave no reports for some texts (CI, and here for no-misused-promises), which no user of
// `npm run lint` would ever see. Why new files: with the repo's tsconfig projects, a text given for
// a file that exists on disk is typed as the file on disk; new names are typed by the project
// service with the repo's tsconfig.json, and a new name each time (it keeps a file's first text).
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
        projectService: { allowDefaultProject: ['electron/*/lintProbe*.ts', 'renderer/lintProbe*.ts', 'shared/lintProbe*.ts'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: root,
      },
    },
  },
});
const reports = [];
for (const [index, probe] of probes.entries()) {
  const [result] = await eslint.lintText(probe.text, { filePath: join(root, probe.folder, `lintProbe${index}.ts`) });
  reports.push((result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`));
}
process.stdout.write(JSON.stringify(reports));
