// The package ships no types; this is the part of its Emscripten module that the TTS uses.
declare module '@echogarden/speex-resampler-wasm/simd' {
  export interface SpeexWasmModule {
    readonly HEAP16: Int16Array;
    readonly HEAPU32: Uint32Array;
    _speex_resampler_init(
      channels: number,
      inRate: number,
      outRate: number,
      quality: number,
      errorPointer: number,
    ): number;
    _speex_resampler_destroy(state: number): void;
    _speex_resampler_skip_zeros(state: number): number;
    _speex_resampler_get_input_latency(state: number): number;
    _speex_resampler_process_int(
      state: number,
      channel: number,
      inPointer: number,
      inLengthPointer: number,
      outPointer: number,
      outLengthPointer: number,
    ): number;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  }
  const createSpeexModule: () => Promise<SpeexWasmModule>;
  export default createSpeexModule;
}
