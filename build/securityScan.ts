// The Electron security scan: @doyensec/electronegativity over the code that runs in Electron (the
// shell, the renderer, shared), offline. Every HIGH or MEDIUM finding must be explained, with a
// reason, in build/electronegativity-explained.json; an explanation that no longer matches a
// finding is an error too, so the list cannot outlive the code it excuses.
//
//   node build/securityScan.ts                 scan the sources; exit 1 on anything unexplained
//   node build/securityScan.ts --json          the same, as one JSON report on stdout
//   node build/securityScan.ts --input DIR     scan DIR as it is (a built app, a test fixture)
//   node build/securityScan.ts --explained F   another explanations file
//
// `npm run security:scan`; tests/unit/build/securityScan.test.ts runs it as part of `npm test`.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, registerHooks, stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { transformSync } from 'esbuild';
import { z } from 'zod';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The one check left out: it downloads Electron's release list to compare versions. Keeping
 * Electron current is Dependabot's and the release checklist's job (docs/security.md, item 16).
 */
export const CHECKS_NEEDING_INTERNET = ['AvailableSecurityFixesGlobalCheck'] as const;

/** Scanned: everything that runs inside Electron. The core and the CLI never load 'electron'. */
const SCANNED_SOURCES = ['electron/shell', 'renderer', 'shared'] as const;

export const severitySchema = z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);
const MUST_BE_EXPLAINED: ReadonlySet<string> = new Set(['MEDIUM', 'HIGH']);

export const findingSchema = z.object({
  id: z.string(),
  severity: severitySchema,
  confidence: z.string(),
  /** Relative to the scanned tree, as a source path (`electron/shell/kioskWindow.ts`); `N/A` for global checks. */
  file: z.string(),
  line: z.number().int(),
  description: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const explanationSchema = z.strictObject({
  id: z.string().regex(/^[A-Z0-9_]+$/, 'an electronegativity check id, e.g. CSP_GLOBAL_CHECK'),
  file: z.string().min(1),
  reason: z.string().min(40, 'say why this is not a problem, and which code and test make it so'),
});
export const explanationsSchema = z.array(explanationSchema);
export type Explanation = z.infer<typeof explanationSchema>;

export interface ScanReport {
  /** Source files that went into the scan (empty with --input: the tree is scanned as it is). */
  readonly scanned: readonly string[];
  readonly findings: readonly Finding[];
  /** HIGH or MEDIUM findings with no explanation. */
  readonly unexplained: readonly Finding[];
  /** Explanations that match no finding any more. */
  readonly stale: readonly Explanation[];
  /** Files the scanner could not parse (a finding could hide there). */
  readonly parseErrors: ReadonlyArray<{ file: string; message: string }>;
}

const explains = (explanation: Explanation, finding: Finding): boolean =>
  explanation.id === finding.id && explanation.file === finding.file;

export function judgeFindings(findings: readonly Finding[], explanations: readonly Explanation[]): Pick<ScanReport, 'unexplained' | 'stale'> {
  return {
    unexplained: findings.filter(
      (finding) => MUST_BE_EXPLAINED.has(finding.severity) && !explanations.some((explanation) => explains(explanation, finding)),
    ),
    stale: explanations.filter((explanation) => !findings.some((finding) => explains(explanation, finding))),
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(projectDir, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|html)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(projectDir, join(entry.parentPath, entry.name)));
}

/**
 * Electronegativity parses TypeScript with TypeScript 4.2, which does not know today's syntax
 * (`satisfies`, `import { type X }`): the sources are turned into plain JavaScript first, file by
 * file, so each finding still names its source file. `.ts` keeps its lines and columns (Node blanks
 * the types out); `.tsx` goes through esbuild for the JSX, so its line numbers are approximate.
 * Returns scanned → source names.
 */
function writeScanTree(scanDir: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const source of SCANNED_SOURCES.flatMap(sourceFiles)) {
    const scanned = source.replace(/\.tsx?$/, '.js');
    mkdirSync(dirname(join(scanDir, scanned)), { recursive: true });
    if (source.endsWith('.html')) {
      copyFileSync(join(projectDir, source), join(scanDir, scanned));
    } else if (source.endsWith('.ts')) {
      writeFileSync(join(scanDir, scanned), stripTypeScriptTypes(readFileSync(join(projectDir, source), 'utf8')));
    } else {
      const { code } = transformSync(readFileSync(join(projectDir, source), 'utf8'), {
        loader: 'tsx',
        format: 'esm',
        target: 'es2022',
        jsx: 'automatic',
        sourcefile: source,
      });
      writeFileSync(join(scanDir, scanned), code);
    }
    names.set(scanned, source);
  }
  // The JSON checks (Electron version, custom Chromium switches) read package.json.
  copyFileSync(join(projectDir, 'package.json'), join(scanDir, 'package.json'));
  return names;
}

/**
 * Two of electronegativity's own dependencies would reach the wrong place: its TypeScript parser
 * (hoisted) would load the project's TypeScript 7, which has no JavaScript API, instead of the
 * TypeScript 4.2 electronegativity ships; and `got` would fetch translations from the internet.
 */
function redirectScannerDependencies(): void {
  const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const scannerTypeScript = pathToFileURL(require.resolve('typescript', { paths: [scannerDir] })).href;
  const offlineGot = new URL('./offlineGot.cjs', import.meta.url).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL ?? '';
      if (specifier === 'typescript' && parent.includes('/@typescript-eslint/typescript-estree/')) {
        return { url: scannerTypeScript, format: 'commonjs', shortCircuit: true };
      }
      if (specifier === 'got' && parent.includes('/@doyensec/electronegativity/')) {
        return { url: offlineGot, format: 'commonjs', shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
  });
}

const rawIssueSchema = z.object({
  id: z.string(),
  file: z.string(),
  location: z.object({ line: z.number() }),
  severity: z.object({ name: severitySchema }),
  confidence: z.object({ name: z.string() }),
  description: z.string(),
});
const rawResultSchema = z.object({
  issues: z.array(rawIssueSchema),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
});

type RunElectronegativity = (options: Record<string, unknown>) => Promise<unknown>;

async function runElectronegativity(input: string): Promise<z.infer<typeof rawResultSchema>> {
  redirectScannerDependencies();
  process.env.LANG = 'en-US'; // stable messages, whatever the machine's locale
  const run = require('@doyensec/electronegativity') as RunElectronegativity;
  // It reports its translation fallback with console.log; stdout is for the report.
  const log = console.log;
  console.log = (...args: unknown[]) => console.error(...args);
  try {
    return rawResultSchema.parse(
      await run({
        input,
        customScan: [],
        excludeFromScan: [...CHECKS_NEEDING_INTERNET],
        isRelative: true,
        // Without it the scanner looks for Electron's binary to learn the version.
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      }),
    );
  } finally {
    console.log = log;
  }
}

function electronVersion(): string {
  const manifest = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')));
  return manifest.version;
}

export async function scan(options: { input?: string; explained: string }): Promise<ScanReport> {
  const explanations = explanationsSchema.parse(JSON.parse(readFileSync(options.explained, 'utf8')));
  const scanDir = options.input ?? mkdtempSync(join(tmpdir(), 'okno-security-scan-'));
  try {
    const names = options.input === undefined ? writeScanTree(scanDir) : new Map<string, string>();
    const sourceName = (file: string): string => names.get(file) ?? file;
    const result = await runElectronegativity(scanDir);
    const findings = result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: sourceName(issue.file),
      line: issue.location.line,
      description: issue.description,
    }));
    const parseErrors = result.errors.filter((error) => !error.tolerable).map((error) => ({ file: sourceName(error.file), message: error.message }));
    return { scanned: [...names.values()], findings, parseErrors, ...judgeFindings(findings, explanations) };
  } finally {
    if (options.input === undefined) rmSync(scanDir, { recursive: true, force: true });
  }
}

export const passes = (report: ScanReport): boolean =>
  report.unexplained.length === 0 && report.stale.length === 0 && report.parseErrors.length === 0;

function describe(report: ScanReport): string {
  const lines = [`okno security scan: ${report.findings.length} findings (electronegativity, without ${CHECKS_NEEDING_INTERNET.join(', ')})`];
  for (const finding of report.findings) {
    const explained = !report.unexplained.includes(finding);
    lines.push(`  ${explained ? 'ok ' : 'NEW'} ${finding.severity.padEnd(13)} ${finding.id}  ${finding.file}:${finding.line}`);
  }
  for (const finding of report.unexplained) {
    lines.push(`unexplained: ${finding.id} in ${finding.file} — ${finding.description}. Fix it, or explain it in build/electronegativity-explained.json.`);
  }
  for (const explanation of report.stale) lines.push(`stale explanation: ${explanation.id} in ${explanation.file} matches no finding; remove it.`);
  for (const error of report.parseErrors) lines.push(`could not parse ${error.file}: ${error.message}`);
  lines.push(passes(report) ? 'security scan passed' : 'security scan FAILED');
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      input: { type: 'string' },
      explained: { type: 'string', default: join(projectDir, 'build', 'electronegativity-explained.json') },
    },
  });
  const report = await scan({ explained: values.explained, ...(values.input === undefined ? {} : { input: values.input }) });
  console.log(values.json ? JSON.stringify({ passed: passes(report), ...report }) : describe(report));
  return passes(report) ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
