import type { IncomingMessage } from 'node:http';
import type { HubLinkConfig } from '../../../shared/config.ts';
import { aheadAnswerSchema, commandAnswerSchema, OFFICE_PATHS, type AheadAnswer, type CommandAnswer, type CommandBody } from '../../../shared/office/officeProtocol.ts';
import { officeSnapshotSchema, type OfficeSnapshot } from '../../../shared/office/officeSnapshot.ts';
import type { Clock } from '../clock.ts';
import { nullLogger, type Logger } from '../logging/logger.ts';
import type { Scheduler } from '../scheduler.ts';
import { backoffDelayMs, type BackoffPolicy } from '../sync/retryPolicy.ts';
import { createHubHttp, type HubExchange, type HubHttp } from './hubHttp.ts';
import type { HubLink, HubStatus, OfflineAnswer } from './hubLink.ts';
import { createSseParser } from './sseParser.ts';

/**
 * The device's live link to its office hub (okno-office/1): the hub's live stream kept open (and opened
 * again soon after it drops, so a returning hub is seen within 2 s), the newest valid snapshot kept,
 * and the faces' few requests with a hard deadline. Whatever the hub answers is parsed with the
 * protocol's schemas: a malformed answer is counted and never shown.
 */

/** Never reset while the host runs; shown by okno doctor through the status file. */
export interface HubCounters {
  /** Answers outside okno-office/1: a malformed snapshot, an unreadable answer to a request. */
  hubBadAnswers: number;
  /** Times the live stream opened. */
  hubStreamConnects: number;
  /** Times the live stream closed or could not be opened (the hub down, the network gone). */
  hubStreamDrops: number;
  /** Refusals: a wrong fingerprint, a token the hub does not know or a role that may not. */
  hubRefusals: number;
  /** Requests of a face (ahead, sign-in, a command) the hub did not answer in time. */
  hubRequestFailures: number;
}

export const newHubCounters = (): HubCounters => ({ hubBadAnswers: 0, hubStreamConnects: 0, hubStreamDrops: 0, hubRefusals: 0, hubRequestFailures: 0 });

export interface HubConnectionOptions {
  readonly deviceId: string;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger?: Logger;
  readonly counters: HubCounters;
  /** A counter changed (the status file is written soon). */
  readonly onCounters?: () => void;
  /** Between tries after the stream dropped: short, so a returning hub is seen within 2 s. */
  readonly reconnect?: BackoffPolicy;
  /** After a refusal (fingerprint, token): tried again anyway, slowly, in case the hub's config changes. */
  readonly refusedRetryMs?: number;
  /** A sign-in or a command: no answer in this time is "no connection". */
  readonly requestTimeoutMs?: number;
  /** Nothing at all on the open stream for this long (no snapshot, no keep-alive): it is dead, open another. */
  readonly streamIdleMs?: number;
  /** [0, 1), for the backoff's jitter. */
  readonly random?: () => number;
  /** The HTTPS door (tests may give another). */
  readonly http?: HubHttp;
}

export const HUB_RECONNECT: BackoffPolicy = { minMs: 200, maxMs: 1_000 };
export const HUB_REFUSED_RETRY_MS = 30_000;
export const HUB_REQUEST_TIMEOUT_MS = 3_000;
export const HUB_STREAM_IDLE_MS = 60_000;
/** Between the tries of a command whose answer was lost (within HUB_REQUEST_TIMEOUT_MS in all). */
export const COMMAND_RETRY_PAUSES_MS = [250, 500, 1_000] as const;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** What a refusal or a failure means, in a technician's words (the status's problem; never the token). */
function problemOf(outcome: HubExchange): { readonly refused: boolean; readonly problem: string } {
  if (outcome.kind === 'network') {
    if (outcome.pin) return { refused: true, problem: outcome.message };
    return { refused: false, problem: `no connection to the hub (${outcome.code === 'timeout' ? 'no answer in time' : outcome.code})` };
  }
  if (outcome.status === 401) return { refused: true, problem: 'the hub does not know this device\'s token (HTTP 401): check hub.token' };
  if (outcome.status === 403) return { refused: true, problem: 'the hub refused this device (HTTP 403): its token\'s role may not do this' };
  return { refused: false, problem: `the hub answered HTTP ${outcome.status}` };
}

export function connectHub(hub: HubLinkConfig, options: HubConnectionOptions): HubLink {
  const { clock, scheduler, counters } = options;
  const log = options.logger ?? nullLogger;
  const http = options.http ?? createHubHttp(hub, { deviceId: options.deviceId });
  const reconnect = options.reconnect ?? HUB_RECONNECT;
  const refusedRetryMs = options.refusedRetryMs ?? HUB_REFUSED_RETRY_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? HUB_REQUEST_TIMEOUT_MS;
  const streamIdleMs = options.streamIdleMs ?? HUB_STREAM_IDLE_MS;
  const random = options.random ?? Math.random;

  let snapshot: OfficeSnapshot | null = null;
  let status: HubStatus = { state: 'connecting', problem: null, lastUpdateAt: null };
  const listeners = new Set<() => void>();
  let closed = false;
  /** Each try of the stream has its own number: what an older one reports afterwards is ignored. */
  let generation = 0;
  /** The generation whose end was handled ('end' and 'close' both come): once each. */
  let droppedGeneration = 0;
  let attempt = 0;
  let retryTimer: unknown = null;
  let idleTimer: unknown = null;
  let stream: { abort: AbortController; response: IncomingMessage | null } | null = null;
  /** Aborts the faces' requests in flight when the link closes. */
  const requests = new AbortController();

  const notify = (): void => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        log.warn({ err: error }, 'a hub link listener failed');
      }
    }
  };
  const counted = (name: keyof HubCounters): void => {
    counters[name] += 1;
    options.onCounters?.();
  };
  const setStatus = (state: HubStatus['state'], problem: string | null): void => {
    if (status.state === state && status.problem === problem) return;
    if (state !== status.state) log.info({ hub: hub.url, state, problem }, 'hub link');
    status = { ...status, state, problem };
    notify();
  };

  const clearIdle = (): void => {
    if (idleTimer !== null) scheduler.clearTimeout(idleTimer);
    idleTimer = null;
  };

  /** The stream of this generation ended (or never opened): say why, and try again after a wait. */
  function dropped(my: number, outcome: HubExchange): void {
    if (closed || my !== generation || droppedGeneration === my) return;
    droppedGeneration = my;
    clearIdle();
    stream?.abort.abort();
    stream = null;
    counted('hubStreamDrops');
    const { refused, problem } = problemOf(outcome);
    if (refused) counted('hubRefusals');
    setStatus(refused ? 'refused' : 'connecting', problem);
    attempt += 1;
    const wait = refused ? refusedRetryMs : backoffDelayMs(attempt, random(), reconnect);
    retryTimer = scheduler.setTimeout(() => {
      retryTimer = null;
      open();
    }, wait);
  }

  function take(text: string, resync: { first: boolean }): void {
    const parsed = officeSnapshotSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      counted('hubBadAnswers');
      log.warn({ hub: hub.url, problem: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'a malformed snapshot from the hub was ignored');
      return;
    }
    const next = parsed.data;
    // The first snapshot after a (re)connect is the whole truth: it replaces everything, even an older
    // revision (a hub restored from its journal). After it, an older revision is a late one: dropped.
    if (!resync.first && snapshot !== null && next.revision < snapshot.revision) return;
    resync.first = false;
    attempt = 0;
    snapshot = next;
    status = { state: 'connected', problem: null, lastUpdateAt: clock.now().toISOString() };
    notify();
  }

  function open(): void {
    if (closed) return;
    generation += 1;
    const my = generation;
    const abort = new AbortController();
    stream = { abort, response: null };
    void http.openStream(OFFICE_PATHS.stream, abort.signal, Math.max(requestTimeoutMs, 5_000)).then((opened) => {
      if (closed || my !== generation) {
        if (opened.kind === 'open') opened.response.destroy();
        return;
      }
      if (opened.kind !== 'open') {
        dropped(my, opened);
        return;
      }
      const response = opened.response;
      if (stream) stream.response = response;
      counted('hubStreamConnects');
      const parser = createSseParser();
      const resync = { first: true };
      const armIdle = (): void => {
        clearIdle();
        idleTimer = scheduler.setTimeout(() => {
          idleTimer = null;
          response.destroy();
          dropped(my, { kind: 'network', code: 'idle', message: `nothing from the hub for ${streamIdleMs} ms`, pin: false });
        }, streamIdleMs);
      };
      armIdle();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (my !== generation) return;
        armIdle();
        try {
          for (const event of parser.push(chunk)) if (event.event === 'snapshot') take(event.data, resync);
        } catch (error) {
          counted('hubBadAnswers');
          response.destroy();
          dropped(my, { kind: 'network', code: 'bad-stream', message: error instanceof Error ? error.message : String(error), pin: false });
        }
      });
      const ended = (code: string): void => dropped(my, { kind: 'network', code, message: 'the hub closed the live stream', pin: false });
      response.on('error', () => ended('stream-error'));
      response.on('end', () => ended('stream-ended'));
      response.on('close', () => ended('stream-closed'));
    });
  }

  const offline = (message: string): OfflineAnswer => ({ ok: false, refusal: 'offline', message });

  async function post(path: string, body: unknown): Promise<CommandAnswer | OfflineAnswer> {
    return (await exchange(path, body, requestTimeoutMs)).answer;
  }

  /** `lost`: no answer came back, and not because the time ran out (refused, reset, closed mid-answer). */
  async function exchange(path: string, body: unknown, timeoutMs: number): Promise<{ answer: CommandAnswer | OfflineAnswer; lost: boolean }> {
    if (closed) return { answer: offline('the hub link is closed'), lost: false };
    const answer = await http.post(path, body, timeoutMs, requests.signal);
    if (answer.kind === 'network') {
      counted('hubRequestFailures');
      return { answer: offline(problemOf(answer).problem), lost: answer.code !== 'timeout' && !answer.pin };
    }
    return { answer: understood(path, answer), lost: false };
  }

  /**
   * A command carries its idempotency key, so an answer lost on the way (the hub restarting, a reset
   * connection) is asked again with the same key, within the request's time: the hub acts once and
   * gives the first answer again. Sign-ins are not repeated (a wrong PIN must count once).
   */
  async function command(body: CommandBody): Promise<CommandAnswer | OfflineAnswer> {
    const started = clock.monotonicMs();
    let { answer, lost } = await exchange(OFFICE_PATHS.command, body, requestTimeoutMs);
    for (const pause of COMMAND_RETRY_PAUSES_MS) {
      const left = requestTimeoutMs - (clock.monotonicMs() - started) - pause;
      if (!lost || closed || left <= 0) break;
      await new Promise<void>((resolve) => scheduler.setTimeout(resolve, pause));
      ({ answer, lost } = await exchange(OFFICE_PATHS.command, body, left));
    }
    return answer;
  }

  function understood(path: string, answer: Extract<HubExchange, { kind: 'answer' }>): CommandAnswer | OfflineAnswer {
    const parsed = commandAnswerSchema.safeParse(parseJson(answer.body));
    if (parsed.success) return parsed.data;
    if (answer.status === 401 || answer.status === 403) {
      counted('hubRefusals');
      return offline(problemOf(answer).problem);
    }
    counted('hubBadAnswers');
    log.warn({ hub: hub.url, path, status: answer.status }, 'an answer of the hub was not understood');
    return offline(`the hub's answer was not understood (HTTP ${answer.status})`);
  }

  open();

  return {
    snapshot: () => snapshot,
    status: () => status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ahead(serviceId, timeoutMs): Promise<AheadAnswer | null> {
      if (closed) return null;
      const answer = await http.get(`${OFFICE_PATHS.ahead}?service=${encodeURIComponent(serviceId)}`, timeoutMs, requests.signal);
      if (answer.kind === 'network') {
        counted('hubRequestFailures');
        return null;
      }
      if (answer.status !== 200) return null;
      const parsed = aheadAnswerSchema.safeParse(parseJson(answer.body));
      if (!parsed.success) {
        counted('hubBadAnswers');
        return null;
      }
      return parsed.data;
    },
    signIn: (operatorId, pin) => post(OFFICE_PATHS.signIn, { operatorId, pin }),
    signOut: () => post(OFFICE_PATHS.signOut, {}),
    command,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      generation += 1;
      if (retryTimer !== null) scheduler.clearTimeout(retryTimer);
      clearIdle();
      stream?.abort.abort();
      stream?.response?.destroy();
      stream = null;
      requests.abort();
      http.close();
      listeners.clear();
      return Promise.resolve();
    },
  };
}
