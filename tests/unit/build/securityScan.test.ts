import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { explanationsSchema, findingSchema, judgeFindings, type Finding } from '../../../build/securityScan.ts';
import { projectDir } from './builderConfig.ts';

/**
 * Runs the scan as `npm run security:scan` does, in its own Node process (it installs module hooks),
 * with every outgoing connection made to fail and reported: the scan must work offline.
 */
const NO_NETWORK = [
  "import net from 'node:net';",
  "net.Socket.prototype.connect = function () { process.stderr.write('NETWORK ATTEMPT\\n'); throw new Error('no network in the security scan'); };",
].join('\n');

const reportSchema = z.object({
  passed: z.boolean(),
  scanned: z.array(z.string()),
  findings: z.array(findingSchema),
  unexplained: z.array(findingSchema),
  stale: z.array(z.object({ id: z.string(), file: z.string() }).loose()),
  parseErrors: z.array(z.object({ file: z.string(), message: z.string() })),
});

function runScan(...args: string[]) {
  const child = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(NO_NETWORK)}`, join(projectDir, 'build/securityScan.ts'), '--json', ...args],
    { cwd: projectDir, encoding: 'utf8' },
  );
  if (child.error) throw child.error;
  return { status: child.status, stderr: child.stderr, report: reportSchema.parse(JSON.parse(child.stdout)) };
}

const finding = (id: string, severity: Finding['severity'], file = 'electron/shell/kioskWindow.ts'): Finding => ({
  id,
  severity,
  confidence: 'FIRM',
  file,
  line: 1,
  description: '',
});

describe('security scan (electronegativity)', () => {
  it('the shell, the renderer and shared have no HIGH or MEDIUM finding left unexplained, and it ran offline', () => {
    const { status, stderr, report } = runScan();
    expect(report.scanned).toEqual(
      expect.arrayContaining(['electron/shell/main.ts', 'electron/shell/preload.ts', 'electron/shell/kioskWindow.ts', 'electron/shell/security.ts', 'renderer/index.html', 'renderer/App.tsx']),
    );
    expect(report.parseErrors).toEqual([]);
    expect(report.unexplained).toEqual([]);
    expect(report.stale).toEqual([]);
    expect(report.passed).toBe(true);
    expect(status).toBe(0);
    expect(stderr).not.toContain('NETWORK ATTEMPT');
    // The scanner really ran its checks on our files: it has things to say about them.
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('fails on an insecure window it has not been told about', () => {
    const { status, report } = runScan('--input', join(projectDir, 'tests/unit/build/fixtures/insecure-shell'));
    expect(status).toBe(1);
    expect(report.passed).toBe(false);
    const unexplained = report.unexplained.map((issue) => `${issue.severity} ${issue.id}`);
    expect(unexplained).toEqual(
      expect.arrayContaining(['HIGH CONTEXT_ISOLATION_JS_CHECK', 'MEDIUM SANDBOX_JS_CHECK', 'MEDIUM HTTP_RESOURCES_JS_CHECK', 'HIGH LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
  });

  it('needs a reason for HIGH and MEDIUM only, and calls an explanation that matches nothing stale', () => {
    const explained = [{ id: 'SANDBOX_JS_CHECK', file: 'electron/shell/kioskWindow.ts', reason: 'x'.repeat(40) }];
    const stale = { id: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'y'.repeat(40) };
    const result = judgeFindings(
      [finding('SANDBOX_JS_CHECK', 'MEDIUM'), finding('AUXCLICK_JS_CHECK', 'HIGH'), finding('ELECTRON_VERSION_JSON_CHECK', 'INFORMATIONAL', 'package.json'), finding('X', 'LOW')],
      [...explained, stale],
    );
    expect(result.unexplained.map((issue) => issue.id)).toEqual(['AUXCLICK_JS_CHECK']);
    expect(result.stale).toEqual([stale]);
    // An explanation covers its check in its file only.
    expect(judgeFindings([finding('SANDBOX_JS_CHECK', 'MEDIUM', 'electron/shell/other.ts')], explained).unexplained).toHaveLength(1);
  });

  it('every explanation names a check and a file and gives a real reason', () => {
    const explanations = explanationsSchema.parse(JSON.parse(readFileSync(join(projectDir, 'build/electronegativity-explained.json'), 'utf8')));
    expect(explanations.length).toBeGreaterThan(0);
    expect(() => explanationsSchema.parse([{ id: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'fine' }])).toThrow(/say why/);
  });
});
