// The package ships no types; this is the part of its Emscripten module that the VAD uses.
declare module '@echogarden/fvad-wasm' {
  export interface FvadWasmModule {
    readonly HEAP16: Int16Array;
    _fvad_new(): number;
    _fvad_free(handle: number): void;
    _fvad_reset(handle: number): void;
    _fvad_set_mode(handle: number, mode: number): number;
    _fvad_set_sample_rate(handle: number, sampleRate: number): number;
    _fvad_process(handle: number, framePointer: number, frameSamples: number): number;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  }
  const createFvadModule: () => Promise<FvadWasmModule>;
  export default createFvadModule;
}
