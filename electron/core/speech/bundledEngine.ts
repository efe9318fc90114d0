import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { nullLogger, type Logger } from '../logging/logger.ts';
import { ESPEAK_VOICES, synthesisReplySchema, wordsPerMinute, workerReadySchema, type SynthesisRequest } from './espeakProtocol.ts';
import { SpeechError, type Pcm, type SpeechEngine, type SpokenPart } from './speechService.ts';

/**
 * The bundled voice: eSpeak NG (WebAssembly) in one worker thread, started on first use or by warm().
 * Requests queue in the worker and are answered in order. A worker that dies (an out-of-memory abort in
 * the WASM, a crash) is started again and each request it held is sent once more; a request the second
 * worker also dies on is refused, so one poisonous phrase cannot restart the voice forever.
 */

export interface BundledEngineCounters {
  /** Workers started again after one died. */
  workerRestarts: number;
  /** Replies from the worker that made no sense (dropped, the request refused). */
  badReplies: number;
}

export interface BundledEngine extends SpeechEngine {
  /** Starts the worker and loads the voice now, so the first phrase is not the slow one. */
  warm(): Promise<void>;
  readonly counters: Readonly<BundledEngineCounters>;
}

export interface BundledEngineOptions {
  readonly logger?: Logger;
  /** The worker's script; tests give one that misbehaves. Default: espeakWorker beside this module. */
  readonly workerUrl?: URL;
  /**
   * A request not answered in this time (counted from when the worker's code has loaded, so a slow cold
   * start is not a hang) is taken as a hung worker: it is ended and started again.
   */
  readonly timeoutMs?: number;
}

/**
 * espeakWorker with this module's extension: .ts when the core runs from source (tests, Node type
 * stripping), .js when it runs from dist/ (tsc compiles file per file). In the packaged app both sit in
 * app.asar, which Electron's worker threads read (electron-builder.yml unpacks the voice's data).
 */
export const defaultWorkerUrl = (): URL => new URL(`./espeakWorker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

const DEFAULT_TIMEOUT_MS = 15_000;

interface Pending {
  readonly request: SynthesisRequest;
  /** Workers that died while holding it. */
  deaths: number;
  readonly resolve: (pcm: Pcm) => void;
  readonly reject: (error: Error) => void;
  timer: NodeJS.Timeout | null;
}

export function createBundledEngine(options: BundledEngineOptions = {}): BundledEngine {
  const log = options.logger ?? nullLogger;
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const counters: BundledEngineCounters = { workerRestarts: 0, badReplies: 0 };
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  /** The current worker has loaded its code: its requests' timeouts run. */
  let workerReady = false;
  let nextId = 0;
  let closed = false;

  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    if (entry === undefined) return undefined;
    pending.delete(id);
    if (entry.timer !== null) clearTimeout(entry.timer);
    if (pending.size === 0) worker?.unref(); // an idle voice does not keep the process alive
    return entry;
  };

  const onMessage = (message: unknown): void => {
    if (workerReadySchema.safeParse(message).success) {
      workerReady = true;
      for (const entry of pending.values()) arm(entry);
      return;
    }
    const reply = synthesisReplySchema.safeParse(message);
    if (!reply.success) {
      counters.badReplies += 1;
      log.warn({ issues: reply.error.issues.length }, 'speech: the bundled voice sent a reply that makes no sense');
      return;
    }
    const entry = settle(reply.data.id);
    if (entry === undefined) return;
    if (reply.data.ok) entry.resolve({ sampleRate: reply.data.sampleRate, samples: reply.data.samples });
    else entry.reject(new SpeechError(`the bundled voice could not say it: ${reply.data.message}`));
  };

  const onDeath = (dead: Worker, reason: string): void => {
    if (worker !== dead) return; // already replaced (error then exit both come)
    worker = null;
    workerReady = false;
    if (closed || pending.size === 0) return;
    const again = [...pending.values()].filter((entry) => {
      entry.deaths += 1;
      if (entry.deaths < 2) return true;
      settle(entry.request.id)?.reject(new SpeechError(`the bundled voice stopped twice on one phrase (${reason})`));
      return false;
    });
    if (again.length === 0) return;
    counters.workerRestarts += 1;
    log.warn({ reason, requests: again.length }, 'speech: the bundled voice stopped; starting it again');
    for (const entry of again) send(entry);
  };

  const running = (): Worker => {
    if (worker !== null) return worker;
    const started = new Worker(workerUrl);
    started.on('message', onMessage);
    started.on('error', (error: unknown) => onDeath(started, error instanceof Error ? error.message : String(error)));
    started.on('exit', (code) => onDeath(started, `exit code ${code}`));
    worker = started;
    return started;
  };

  /** Starts the request's clock on the current worker. */
  function arm(entry: Pending): void {
    const target = worker;
    if (target === null) return;
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      log.warn({ timeoutMs }, 'speech: the bundled voice did not answer in time; ending it');
      void target.terminate(); // its exit event restarts it for the requests it held
    }, timeoutMs);
  }

  function send(entry: Pending): void {
    const target = running();
    target.ref();
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
    if (workerReady) arm(entry);
    target.postMessage(entry.request);
  }

  const request = (text: string, voice: string, wpm: number): Promise<Pcm> => {
    if (closed) return Promise.reject(new SpeechError('the speech service is closed'));
    return new Promise<Pcm>((resolve, reject) => {
      const entry: Pending = { request: { id: nextId, text, voice, wordsPerMinute: wpm }, deaths: 0, resolve, reject, timer: null };
      nextId += 1;
      pending.set(entry.request.id, entry);
      send(entry);
    });
  };

  return {
    name: 'bundled',
    counters,
    synthesize: (part: SpokenPart, rate: number) => request(part.text, ESPEAK_VOICES[part.lang], wordsPerMinute(rate)),
    warm: async () => {
      await request('.', ESPEAK_VOICES.ru, wordsPerMinute(100));
    },
    close: async () => {
      closed = true;
      workerReady = false;
      for (const id of [...pending.keys()]) settle(id)?.reject(new SpeechError('the speech service is closed'));
      const last = worker;
      worker = null;
      if (last !== null) await last.terminate();
    },
  };
}
