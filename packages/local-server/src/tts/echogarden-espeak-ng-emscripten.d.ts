// The package ships no types; this is the part of its Emscripten module that the TTS uses.
declare module '@echogarden/espeak-ng-emscripten' {
  export interface EspeakVoiceInfo {
    readonly name: string;
    readonly identifier: string;
    readonly languages: readonly { readonly priority: number; readonly name: string }[];
  }
  export interface EspeakWorker {
    get_samplerate(): number;
    /** 0 on success. */
    set_voice(name: string): number;
    list_voices(): EspeakVoiceInfo[];
    /** Calls back with each chunk of 16-bit samples; returning true aborts synthesis. */
    synthesize(text: string, callback: (samples: Int16Array, events: unknown[]) => boolean): void;
  }
  export interface EspeakModule {
    readonly HEAPU8: Uint8Array;
    readonly eSpeakNGWorker: new () => EspeakWorker;
  }
  const createEspeakModule: () => Promise<EspeakModule>;
  export default createEspeakModule;
}
