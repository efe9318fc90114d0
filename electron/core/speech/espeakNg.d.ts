// The part of @echogarden/espeak-ng-emscripten (eSpeak NG as WebAssembly, GPL-3.0) that espeakWorker.ts
// uses. The package ships no types; these follow its Emscripten WebIDL bindings (espeak-ng.js).
declare module '@echogarden/espeak-ng-emscripten' {
  export interface ESpeakNGWorker {
    /** 0 when the voice was found. */
    set_voice(name: string): number;
    /** Words per minute (eSpeak's normal speed is 175). */
    set_rate(wordsPerMinute: number): number;
    get_samplerate(): number;
    /** Calls back with each chunk of 16-bit samples (a view of the WASM memory: copy it); return 0 to go on. */
    synthesize(text: string, callback: (samples: Int16Array, events: unknown) => number): void;
  }
  export interface ESpeakNGModule {
    eSpeakNGWorker: new () => ESpeakNGWorker;
  }
  const createModule: (options?: Record<string, unknown>) => Promise<ESpeakNGModule>;
  export default createModule;
}
