import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TLSSocket } from 'node:tls';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDoctorReport } from '../../electron/core/doctor/doctorReport.ts';
import { OFFICE_PATHS } from '../../shared/office/officeProtocol.ts';
import { startHubProcess, tickets } from './hub/hubFixtures.ts';
import type { ServeProcess } from '../helpers/okno.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import {
  BOARD,
  boardConfig,
  consoleConfig,
  consoleOf,
  DISPENSER,
  dispenserConfig,
  faceState,
  operatorOf,
  PIN,
  startTestOffice,
  tokenOf,
  type FaceState,
  type TestOffice,
} from '../helpers/testOffice.ts';
import { startTlsTap, TLS_APPLICATION_DATA, type TlsTap } from '../helpers/tlsTap.ts';
import { waitFor } from '../helpers/waitFor.ts';

/**
 * The office when its hub dies (issue #13, items 7 and 10), with a real `okno hub` child SIGKILLed and
 * started again on the same port and data directory, and real `okno serve` faces: the console and the
 * board say "no connection", then since when, and re-sync the whole state by themselves; tickets
 * issued at the dispenser meanwhile reach the hub once each, in issue order; a call-next whose answer
 * died with the hub acts once, and its retry (same idempotency key) gets that same ticket.
 */

const tempDir = useTempDirs();
let office: TestOffice | null = null;
const taps: TlsTap[] = [];
afterEach(async () => {
  for (const tap of taps.splice(0)) await tap.close();
  await office?.close();
  office = null;
});

type OfficeFace = NonNullable<FaceState['operator'] | FaceState['hall']>;
const consoleOfState = (state: FaceState): OfficeFace | null => state.operator;
const boardOfState = (state: FaceState): OfficeFace | null => state.hall;
const waitingFor = (face: OfficeFace | null, serviceId = 'passport'): number | undefined => face?.services.find((service) => service.id === serviceId)?.waiting;

/** Waits until both faces' views satisfy `check`; returns them. */
async function bothFaces(faces: { console: ServeProcess; board: ServeProcess }, check: (face: OfficeFace) => boolean, what: string, timeoutMs = 30_000) {
  return waitFor(
    async () => {
      const shown = { console: consoleOfState(await faceState(faces.console)), board: boardOfState(await faceState(faces.board)) };
      return shown.console !== null && shown.board !== null && check(shown.console) && check(shown.board) && { console: shown.console, board: shown.board };
    },
    what,
    timeoutMs,
    50,
  );
}

function journal<T>(dataDir: string, sql: string): T[] {
  const db = new Database(join(dataDir, 'okno.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
const calledInJournal = (dataDir: string) =>
  journal<{ number: string; window: string }>(dataDir, "SELECT json_extract(payload, '$.number') AS number, json_extract(payload, '$.window') AS window FROM events WHERE type = 'ticket.called' ORDER BY seq");

describe('okno hub SIGKILLed and restarted, with its faces running', { timeout: 180_000 }, () => {
  it('the console and the board say no connection, then since when; after the restart they re-sync a call they missed and are connected again', async () => {
    const dir = tempDir();
    office = await startTestOffice(dir);
    await office.deliver(tickets(3));
    expect(await office.signIn(1, operatorOf(1), PIN)).toMatchObject({ ok: true });
    const faces = { console: await office.serve(consoleOf(2), consoleConfig(office, 2)), board: await office.serve(BOARD, boardConfig(office)) };
    await bothFaces(faces, (face) => face.connection.state === 'connected' && waitingFor(face) === 3, 'both faces connected, 3 waiting');

    await office.killHub();
    const killedAt = Date.now();
    const lost = await bothFaces(faces, (face) => face.connection.state === 'connecting', 'both faces to say there is no connection', 15_000);
    // What they showed stays on screen (nothing is cleared), and is not yet old.
    for (const face of [lost.console, lost.board]) {
      expect(waitingFor(face)).toBe(3);
      expect(face.connection.problem).toBeTruthy();
    }

    // Once the shown state is 10 s old, each says since when; not a moment before.
    const stale = await bothFaces(faces, (face) => face.staleSince !== null, 'both faces to show the time of the last update', 30_000);
    const seenAt = Date.now();
    for (const face of [stale.console, stale.board]) {
      const since = Date.parse(face.staleSince ?? '');
      expect(since).toBeLessThanOrEqual(killedAt);
      // The stale mark comes from the device's timer at since + 10 s; the poll sees it at most a poll later.
      expect(seenAt - since).toBeGreaterThanOrEqual(10_000);
    }

    // A call they miss: the hub runs for a moment on another port (the same data directory), where no face
    // dials, and window 1's console calls there. The faces can only learn it by re-syncing after the restart.
    const aside = await startHubProcess(['--config', office.hubConfigPath, '--data-dir', office.hubDataDir]);
    const missed = await office.command(1, { command: 'call-next', idempotencyKey: randomUUID() }, aside);
    expect(missed).toMatchObject({ ok: true, ticket: { number: 'П-001' } });
    expect(await aside.stop()).toBe(0);

    await office.startHub();
    const restartedAt = performance.now();
    const back = await bothFaces(
      faces,
      (face) => face.connection.state === 'connected' && face.staleSince === null && waitingFor(face) === 2,
      'both faces connected again with the state the hub has',
      15_000,
    );
    const reconnectMs = performance.now() - restartedAt;
    console.log(`hub restart → console and board connected and re-synced: ${reconnectMs.toFixed(0)} ms`);
    expect(reconnectMs).toBeLessThan(15_000);
    const board = (await faceState(faces.board)).hall;
    expect(board?.current).toMatchObject({ number: 'П-001', window: '1' });
    expect(back.console.connection.problem).toBeNull();
  });

  it('tickets issued at the dispenser while the hub is dead reach it after the restart once each, in issue order', async () => {
    const dir = tempDir();
    office = await startTestOffice(dir);
    const dispenser = await office.serve(DISPENSER, dispenserConfig(office));
    const post = async (name: string, body: unknown): Promise<unknown> => {
      const response = await fetch(new URL(`api/${name}`, dispenser.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer: unknown = await response.json();
      if (response.status !== 200) throw new Error(`${name}: ${JSON.stringify(answer)}`);
      return answer;
    };
    /** A ticket as a citizen's touch takes it, and the screen back to the menu. */
    const issue = async (): Promise<string> => {
      const answer = await post('issueTicket', { serviceId: 'passport' });
      await post('closeTicket', {});
      const number = typeof answer === 'object' && answer !== null && 'value' in answer && typeof answer.value === 'object' && answer.value !== null && 'number' in answer.value ? answer.value.number : null;
      if (typeof number !== 'string') throw new Error(`no ticket number in ${JSON.stringify(answer)}`);
      return number;
    };
    const waiting = async (): Promise<number | undefined> => (await office!.state()).services.find((service) => service.id === 'passport')?.waiting;

    const numbers: string[] = [];
    for (let i = 0; i < 3; i += 1) numbers.push(await issue());
    await waitFor(async () => (await waiting()) === 3, 'the first 3 tickets at the hub');

    await office.killHub();
    for (let i = 0; i < 12; i += 1) numbers.push(await issue());
    expect(numbers.at(-1)).toBe('П-015');

    await office.startHub();
    await waitFor(async () => (await waiting()) === 15, 'all 15 tickets at the hub', 15_000);
    const received = journal<{ number: string; source: string }>(
      office.hubDataDir,
      "SELECT json_extract(payload, '$.number') AS number, json_extract(payload, '$.sourceEventId') AS source FROM events WHERE type = 'ticket.received' ORDER BY seq",
    );
    expect(received.map((row) => row.number)).toEqual(numbers);
    expect(new Set(received.map((row) => row.source)).size).toBe(15);
    // The dispenser knows they are delivered: nothing is sent again.
    // okno doctor reads the progress from the journal; the device records it just after the hub answers.
    await waitFor(() => buildDoctorReport(join(dir, DISPENSER, 'data')).hub.pending === 0, 'the dispenser’s delivery progress to reach the end');
  });

  it('SIGKILL during a call-next: an answer lost after the commit, and a request that never arrived, each act once on the retry with the same key', async () => {
    const dir = tempDir();
    office = await startTestOffice(dir);
    await office.deliver(tickets(5));
    for (const window of [1, 2]) expect(await office.signIn(window, operatorOf(window), PIN)).toMatchObject({ ok: true });
    const running = office;

    // The answer dies: the hub is killed as the first byte of its answer (after the commit) reaches the tap.
    const committedKey = randomUUID();
    const afterCommit = await startTlsTap(running.hub().port, {
      onServerRecord: (type) => {
        if (type !== TLS_APPLICATION_DATA) return 'forward';
        running.hub().child.kill('SIGKILL');
        return 'cut';
      },
    });
    taps.push(afterCommit);
    await expect(callNextOverTls12(afterCommit.url, running.hub().fingerprint, tokenOf(consoleOf(1)), committedKey)).rejects.toThrow();
    await running.killHub();
    expect(calledInJournal(running.hubDataDir)).toEqual([{ number: 'П-001', window: '1' }]);
    await running.startHub();
    const retried = await running.command(1, { command: 'call-next', idempotencyKey: committedKey });
    expect(retried).toMatchObject({ ok: true, ticket: { number: 'П-001' } });

    // The request dies: the hub is killed before the request's first record is passed on.
    const neverArrivedKey = randomUUID();
    const beforeRequest = await startTlsTap(running.hub().port, {
      onClientRecord: (type) => {
        if (type !== TLS_APPLICATION_DATA) return 'forward';
        running.hub().child.kill('SIGKILL');
        return 'cut';
      },
    });
    taps.push(beforeRequest);
    await expect(callNextOverTls12(beforeRequest.url, running.hub().fingerprint, tokenOf(consoleOf(2)), neverArrivedKey)).rejects.toThrow();
    await running.killHub();
    expect(calledInJournal(running.hubDataDir)).toHaveLength(1);
    await running.startHub();
    expect(await running.command(2, { command: 'call-next', idempotencyKey: neverArrivedKey })).toMatchObject({ ok: true, ticket: { number: 'П-002' } });

    // Each key again: the same answers, nothing called twice, nothing lost.
    expect(await running.command(1, { command: 'call-next', idempotencyKey: committedKey })).toEqual(retried);
    expect(await running.command(2, { command: 'call-next', idempotencyKey: neverArrivedKey })).toMatchObject({ ok: true, ticket: { number: 'П-002' } });
    expect(calledInJournal(running.hubDataDir)).toEqual([
      { number: 'П-001', window: '1' },
      { number: 'П-002', window: '2' },
    ]);
    const state = await running.state();
    expect(state.services.find((service) => service.id === 'passport')?.waiting).toBe(3);
    expect(state.windows.map((window) => [window.id, window.current?.number ?? null])).toEqual([
      ['1', 'П-001'],
      ['2', 'П-002'],
    ]);
  });
});

/**
 * One call-next as a console sends it, pinned, but over TLS 1.2: there the whole handshake is records
 * of type 22, so the first application data record each way is the request and the answer.
 */
function callNextOverTls12(base: string, fingerprint: string, token: string, idempotencyKey: string): Promise<number> {
  const body = JSON.stringify({ command: 'call-next', idempotencyKey });
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      new URL(OFFICE_PATHS.command, base),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        rejectUnauthorized: false,
        agent: false,
        maxVersion: 'TLSv1.2',
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const seen = socket instanceof TLSSocket ? socket.getPeerCertificate().fingerprint256 : '(not TLS)';
        if (seen !== fingerprint) outgoing.destroy(new Error(`certificate fingerprint ${seen} is not the pinned ${fingerprint}`));
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
