import type { EspeakModule, EspeakWorker } from '@echogarden/espeak-ng-emscripten';

import { TtsError } from './tts-error.js';

/** eSpeak NG (wasm) behind a deterministic, synchronous, one-sentence-at-a-time API. */
export interface EspeakEngine {
  /** espeak's output rate (22050 Hz). */
  readonly sampleRate: number;
  /** Whether espeak accepts `voice` (`en-us`, `de`, `en-us+f3`, …); cached per name. */
  hasVoice(voice: string): boolean;
  /** Time the engine took to load, for reporting. */
  readonly initMs: number;
  /**
   * Synthesizes `text` with `voice` (an espeak voice name such as `en-us` or `en-us+f3`).
   * @throws TtsError `E_TTS_INPUT` when espeak refuses the voice or the text is longer than
   * {@link MAX_ESPEAK_TEXT_BYTES}
   */
  synthesize(text: string, voice: string): Int16Array;
}

export const DEFAULT_ESPEAK_VOICE = 'en-us';

/** Longest text, in UTF-8 bytes, that one {@link EspeakEngine.synthesize} call takes. */
export const MAX_ESPEAK_TEXT_BYTES = 2000;

let enginePromise: Promise<EspeakEngine> | undefined;

/**
 * Loads espeak-ng (a 24 MB data file, about 1.5 s) once per process, on first call rather than at
 * import time.
 * @throws TtsError `E_TTS_ENGINE` when the module cannot be loaded
 */
export function loadEspeakEngine(): Promise<EspeakEngine> {
  enginePromise ??= initEngine().catch((cause: unknown) => {
    enginePromise = undefined;
    throw cause instanceof TtsError
      ? cause
      : new TtsError('E_TTS_ENGINE', 'cannot load @echogarden/espeak-ng-emscripten', { cause });
  });
  return enginePromise;
}

async function initEngine(): Promise<EspeakEngine> {
  const startMs = performance.now();
  const { default: createModule } = await import('@echogarden/espeak-ng-emscripten');
  const module: EspeakModule = await createModule();
  const worker: EspeakWorker = new module.eSpeakNGWorker();
  setVoice(worker, DEFAULT_ESPEAK_VOICE);
  // espeak draws on libc rand() (noise in unvoiced sounds), so the same text comes out differently
  // on every call. Snapshotting the wasm memory once and restoring it before each synthesis makes
  // the output a pure function of (text, voice); restoring ~17 MB costs about 3 ms.
  // The snapshot is only sound if no JS-side state points into memory allocated after it. The
  // WebIDL glue keeps one JS-owned string buffer that it re-mallocs when a string does not fit:
  // a long (failing) voice name grows it past MAX_ESPEAK_TEXT_BYTES now, before the snapshot, and
  // callers never pass longer strings. A first synthesis allocates espeak's own lazy buffers.
  worker.set_voice('x'.repeat(2 * MAX_ESPEAK_TEXT_BYTES));
  setVoice(worker, DEFAULT_ESPEAK_VOICE);
  render(worker, 'Ready.');
  const snapshot = module.HEAPU8.slice();
  const known = new Map<string, boolean>();
  return {
    sampleRate: worker.get_samplerate(),
    hasVoice(voice) {
      let ok = known.get(voice);
      if (ok === undefined) {
        // Trying it is the only reliable test: list_voices() names languages (`no`) that
        // set_voice() refuses. The next synthesis restores the snapshot, and so the default voice.
        ok = Buffer.byteLength(voice) <= 64 && worker.set_voice(voice) === 0;
        known.set(voice, ok);
      }
      return ok;
    },
    initMs: performance.now() - startMs,
    synthesize(text, voice) {
      const bytes = Buffer.byteLength(text) + Buffer.byteLength(voice);
      if (bytes > MAX_ESPEAK_TEXT_BYTES) {
        throw new TtsError(
          'E_TTS_INPUT',
          `espeak text is ${bytes} bytes; split it below ${MAX_ESPEAK_TEXT_BYTES}`,
        );
      }
      // HEAPU8 is re-read: it is replaced whenever the wasm memory grows.
      module.HEAPU8.set(snapshot);
      if (voice !== DEFAULT_ESPEAK_VOICE) setVoice(worker, voice);
      return render(worker, text);
    },
  };
}

function setVoice(worker: EspeakWorker, voice: string): void {
  const status = worker.set_voice(voice);
  if (status !== 0) {
    throw new TtsError('E_TTS_INPUT', `espeak-ng has no voice "${voice}" (status ${status})`);
  }
}

function render(worker: EspeakWorker, text: string): Int16Array {
  const chunks: Int16Array[] = [];
  worker.synthesize(text, (samples) => {
    chunks.push(samples);
    return false;
  });
  const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
