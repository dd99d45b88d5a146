// The package ships no type declarations. Both entries default-export an Emscripten module
// factory; speex-module.ts narrows the result to the exports it calls.
declare module '@echogarden/speex-resampler-wasm/simd' {
  const createModule: () => Promise<unknown>;
  export default createModule;
}

declare module '@echogarden/speex-resampler-wasm' {
  const createModule: () => Promise<unknown>;
  export default createModule;
}
