import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import createESpeakNG, { type ESpeakNGWorker } from '@echogarden/espeak-ng-emscripten';
import { synthesisRequestSchema, WORKER_READY, type SynthesisReply, type SynthesisRequest } from './espeakProtocol.ts';

/**
 * The bundled voice's thread (bundledEngine.ts starts it). eSpeak NG's synthesis is synchronous
 * WebAssembly, ≈150 ms a phrase: here it blocks only this thread, never the core's. Requests come one
 * message at a time and are answered in order; the module (≈110 ms, 24 MB of voice data) loads on the
 * first one.
 */

let engine: Promise<ESpeakNGWorker> | null = null;
const loadEngine = (): Promise<ESpeakNGWorker> => {
  engine ??= createESpeakNG().then((module) => new module.eSpeakNGWorker());
  return engine;
};

function synthesize(voice: ESpeakNGWorker, request: SynthesisRequest): { sampleRate: number; samples: Int16Array<ArrayBuffer> } {
  if (voice.set_voice(request.voice) !== 0) throw new Error(`eSpeak NG has no voice "${request.voice}"`);
  voice.set_rate(request.wordsPerMinute);
  const chunks: Int16Array[] = [];
  voice.synthesize(request.text, (samples) => {
    chunks.push(samples.slice()); // the view is into WASM memory, reused by the next chunk
    return 0;
  });
  const samples = new Int16Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  return { sampleRate: voice.get_samplerate(), samples };
}

const port = parentPort;
if (port === null) throw new Error('espeakWorker.ts runs as a worker thread (bundledEngine.ts starts it)');

// Messages are handled strictly in turn, so a request never starts before the one before it ended.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: unknown) => {
  queue = queue.then(async () => {
    const parsed = synthesisRequestSchema.safeParse(message);
    const id = z.object({ id: z.number() }).safeParse(message).data?.id ?? -1;
    if (!parsed.success) {
      port.postMessage({ id, ok: false, message: `bad synthesis request: ${parsed.error.message}` } satisfies SynthesisReply);
      return;
    }
    try {
      const result = synthesize(await loadEngine(), parsed.data);
      port.postMessage({ id, ok: true, ...result } satisfies SynthesisReply, [result.samples.buffer]);
    } catch (error) {
      // A failed module load is tried again on the next request rather than remembered.
      if (!(error instanceof Error && error.message.startsWith('eSpeak NG has no voice'))) engine = null;
      port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies SynthesisReply);
    }
  });
});
port.postMessage(WORKER_READY);
