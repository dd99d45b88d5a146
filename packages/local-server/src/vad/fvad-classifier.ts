import type { FvadWasmModule } from '@echogarden/fvad-wasm';

import { VadError } from './vad-error.js';
import type { FrameClassifier } from './vad-types.js';

let modulePromise: Promise<FvadWasmModule> | undefined;

/**
 * Loads the WebRTC VAD wasm module once per process (about 10 ms), on first call rather than at
 * import time.
 * @throws VadError `E_VAD_ENGINE` when the module cannot be loaded
 */
export function loadFvad(): Promise<FvadWasmModule> {
  modulePromise ??= import('@echogarden/fvad-wasm')
    .then((m) => m.default())
    .catch((cause: unknown) => {
      modulePromise = undefined;
      throw new VadError('E_VAD_ENGINE', 'cannot load @echogarden/fvad-wasm', { cause });
    });
  return modulePromise;
}

// Each classifier owns a small native state and a frame buffer in the wasm heap; the Vad interface
// has no close(), so they are freed when the classifier is garbage-collected.
const heapRegistry = new FinalizationRegistry<{
  module: FvadWasmModule;
  handle: number;
  buffer: number;
}>(({ module, handle, buffer }) => {
  module._fvad_free(handle);
  module._free(buffer);
});

/**
 * WebRTC's GMM voice detector (libfvad) on 10 ms frames at 16 kHz. `threshold` picks its
 * aggressiveness mode: 0..0.25 → 0 (most permissive) … 0.75..1 → 3.
 */
export function createFvadClassifier(module: FvadWasmModule, threshold: number): FrameClassifier {
  const frameSamples = 160;
  const mode = Math.min(3, Math.floor(threshold * 4));
  const handle = module._fvad_new();
  const buffer = module._malloc(frameSamples * 2);
  if (handle === 0 || buffer === 0) {
    throw new VadError('E_VAD_ENGINE', 'fvad: out of wasm memory');
  }
  module._fvad_set_mode(handle, mode);
  module._fvad_set_sample_rate(handle, 16000);
  const classifier: FrameClassifier = {
    frameSamples,
    isSpeech(frame) {
      // HEAP16 is re-read each time: it is replaced whenever the wasm memory grows.
      module.HEAP16.set(frame, buffer >> 1);
      const result = module._fvad_process(handle, buffer, frameSamples);
      if (result < 0) throw new VadError('E_VAD_ENGINE', 'fvad rejected a frame');
      return result === 1;
    },
    reset() {
      module._fvad_reset(handle);
      module._fvad_set_mode(handle, mode);
      module._fvad_set_sample_rate(handle, 16000);
    },
  };
  heapRegistry.register(classifier, { module, handle, buffer });
  return classifier;
}
