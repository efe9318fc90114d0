import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoOffice } from '../../electron/cli/officeDemo.ts';
import { OFFICE_FACES, type OfficeFaceId } from '../../electron/cli/officeDemoPlan.ts';
import type { KioskState } from '../../shared/kioskApi.ts';
import { eventually } from '../helpers/eventually.ts';
import { ROOT } from '../helpers/okno.ts';
import { requireSocat } from '../helpers/socat.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { waitFor } from '../helpers/waitFor.ts';

/**
 * `okno demo --office`: the whole office on one machine, as a newcomer starts it (the real CLI, built),
 * and the office module it is made of (startDemoOffice) walked through the README's visit.
 */

const tempDir = useTempDirs();
const TEST_MS = 180_000;
const READY = /press Ctrl\+C here to stop/;

interface OfficeDemoProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Sends `signal`, resolves with the exit code (null when a signal ended it). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built `okno demo --office --no-open` until it says it is ready (the timeout is a failure limit). */
function startOfficeDemo(env: NodeJS.ProcessEnv = {}, timeoutMs = 90_000): Promise<OfficeDemoProcess> {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli', 'main.js')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    throw new Error('okno is not built: run "npm run build" (npm test does it) before these tests');
  }
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'okno.js'), 'demo', '--office', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okno demo --office was not ready within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!READY.test(output)) return;
      clearTimeout(timer);
      resolve({
        child,
        output: () => output,
        stop: (signal) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`okno demo --office exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** The address the table printed for a label ("window 2 console  http://127.0.0.1:PORT/"). */
function addressOf(output: string, label: string): string {
  const escaped = label.replace(/[()]/g, '\\$&');
  const match = new RegExp(`^ {2}${escaped} +(https?://127\\.0\\.0\\.1:\\d+/)$`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no address for "${label}" in:\n${output}`);
  return match[1];
}

/** The processes whose parent is `pid`, with their command names (Linux /proc). */
function childrenOf(pid: number): { pid: number; command: string }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // "pid (command) state ppid …": the command may hold spaces and parentheses, so split after its last ")".
        const close = stat.lastIndexOf(')');
        const ppid = Number(stat.slice(close + 2).split(' ')[1]);
        return ppid === pid ? [{ pid: Number(name), command: stat.slice(stat.indexOf('(') + 1, close) }] : [];
      } catch {
        return []; // gone between the listing and the read
      }
    });
}

/** Whether `pid` still runs (a zombie has ended: only its parent has not looked yet). */
function alive(pid: number): boolean {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function state(url: string): Promise<KioskState> {
  const response = await fetch(new URL('/api/state', url));
  if (!response.ok) throw new Error(`GET /api/state of ${url} answered ${response.status}`);
  return (await response.json()) as KioskState;
}

async function post(url: string, name: string, body: unknown): Promise<unknown> {
  const response = await fetch(new URL(`/api/${name}`, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}

/** Waits for the office to log `line`; the failure shows what it did log. */
async function lineLogged(lines: readonly string[], line: string): Promise<void> {
  try {
    await waitFor(() => lines.includes(line), line, 30_000, 50);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the office logged:\n${lines.join('\n')}`, { cause: error });
  }
}

const MODE_OF: Record<OfficeFaceId, KioskState['device']['mode']> = {
  dispenser: 'tickets',
  'console-1': 'operator',
  'terminal-1': 'rating',
  'console-2': 'operator',
  'terminal-2': 'rating',
  hall: 'hall',
};

describe('okno demo --office', () => {
  it('starts the whole office: every face answers in its mode, a ticket taken at the dispenser waits on the hall board; SIGINT stops it all, socat too', { timeout: TEST_MS }, async () => {
    requireSocat();
    const demo = await startOfficeDemo();
    let socats: number[];
    const dataDir = /its data in (\S+), removed when it stops/.exec(demo.output())?.[1];
    try {
      const output = demo.output();
      expect(output).toMatch(/PIN 2468 at either window's console/);
      expect(output).toMatch(/anna\.petrova \(Анна Петрова\), ivan\.sidorov \(Иван Сидоров\)/);
      expect(output).toMatch(/type the window, then the button|keys typed in a terminal press them/);
      expect(addressOf(output, 'hub (okno-office/1, for devices)')).toMatch(/^https:/);
      const urls = Object.fromEntries(OFFICE_FACES.map((face) => [face.id, addressOf(output, face.label)])) as Record<OfficeFaceId, string>;
      expect(new Set(Object.values(urls)).size).toBe(6);
      socats = childrenOf(demo.child.pid ?? -1).filter((child) => child.command === 'socat').map((child) => child.pid);
      expect(socats, 'a pty pair each for the printer and the two button boxes').toHaveLength(3);

      for (const face of OFFICE_FACES) expect((await state(urls[face.id])).device.mode, face.label).toBe(MODE_OF[face.id]);
      await eventually(async () => (await state(urls.hall)).hall?.connection.state).toBe('connected');
      await eventually(async () => (await state(urls['console-1'])).operator?.connection.state).toBe('connected');
      await eventually(async () => (await state(urls['console-2'])).operator?.connection.state).toBe('connected');

      expect(await post(urls.dispenser, 'issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { number: 'П-001', printed: 'yes' } });
      await eventually(async () => (await state(urls.hall)).hall?.services.find((service) => service.id === 'passport')?.waiting).toBe(1);
      // The virtual printer's paper, in the terminal.
      await waitFor(() => /the dispenser's printer printed:\n[\s\S]*П-001/.test(demo.output()), 'the printed ticket in the output', 30_000, 50);
      expect(await post(urls['console-2'], 'operatorSignIn', { operatorId: 'ivan.sidorov', pin: '2468' })).toMatchObject({ ok: true, value: { ok: true } });
    } finally {
      expect(await demo.stop('SIGINT'), demo.output()).toBe(0);
    }
    expect(socats.filter(alive), 'socat left running').toEqual([]);
    expect(demo.output()).toMatch(/okno: the demo office stopped\n$/);
    expect(demo.output()).not.toMatch(/Error|at .*\.js:\d+/);
    expect(dataDir && existsSync(dataDir), `${dataDir} left behind`).toBe(false);
  });

  it('without socat it still runs, without the printer and the boxes, and says so', { timeout: TEST_MS }, async () => {
    // Only Node's own folder on the PATH: no socat to be found.
    const demo = await startOfficeDemo({ PATH: dirname(process.execPath) });
    try {
      expect(demo.output()).toMatch(/^okno: socat is not installed, so the office has no virtual printer and no button boxes \(apt-get install socat\)/m);
      expect(childrenOf(demo.child.pid ?? -1).filter((child) => child.command === 'socat')).toEqual([]);
      const dispenser = addressOf(demo.output(), 'ticket dispenser');
      expect(await post(dispenser, 'issueTicket', { serviceId: 'passport' })).toMatchObject({ ok: true, value: { number: 'П-001', printed: 'no' } });
      await eventually(async () => (await state(addressOf(demo.output(), 'hall board'))).hall?.services.find((service) => service.id === 'passport')?.waiting).toBe(1);
    } finally {
      expect(await demo.stop('SIGINT'), demo.output()).toBe(0);
    }
  });

  it('the office module: window 2 signs in, calls the ticket, finishes; a press on its virtual box is a rating linked to the visit at the collector', { timeout: TEST_MS }, async () => {
    requireSocat();
    const lines: string[] = [];
    const office = await startDemoOffice({ dataDir: tempDir(), log: (line) => lines.push(line) });
    try {
      expect(office.hardware).toBe(true);
      const { urls } = office;
      await eventually(async () => (await state(urls['console-2'])).operator?.connection.state).toBe('connected');
      await eventually(async () => (await state(urls.dispenser)).health.problems).toEqual([]);
      expect(await post(urls.dispenser, 'issueTicket', { serviceId: 'snils' })).toMatchObject({ ok: true, value: { number: 'С-001' } });
      expect(await post(urls['console-2'], 'operatorSignIn', { operatorId: 'ivan.sidorov', pin: office.operatorPin })).toMatchObject({ ok: true, value: { ok: true } });
      // The ticket reaches the hub by delivery: call until it is there.
      await eventually(async () => post(urls['console-2'], 'operatorCommand', { command: 'call-next' })).toMatchObject({ ok: true, value: { ok: true, ticket: { number: 'С-001' } } });
      await eventually(async () => (await state(urls['terminal-2'])).visit?.phase).toBe('called');
      expect(await post(urls['console-2'], 'operatorCommand', { command: 'finish' })).toMatchObject({ ok: true, value: { ok: true } });
      await eventually(async () => (await state(urls['terminal-2'])).visit?.phase).toBe('rate');
      expect(office.press('2', 4)).toBe(true);
      await lineLogged(lines, "okno: window 2's box lit LED 4 — the vote was committed");
      await lineLogged(lines, 'okno: collector: rating 4/5 from demo-w02 at window 2 — ticket С-001, service snils, operator ivan.sidorov');
      expect(lines.filter((line) => /invites to rate/.test(line))).toHaveLength(1);
    } finally {
      await office.close();
    }
  });
});
