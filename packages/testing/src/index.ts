export { collectUntil } from './collect-until.js';
export { createMemorySink } from './memory-sink.js';
export type { MemorySink, MemorySinkOptions, MemorySinkPlay } from './memory-sink.js';
export { createMemorySource } from './memory-source.js';
export type { MemorySource, MemorySourceOptions } from './memory-source.js';
export { createScriptedTransport } from './scripted-transport.js';
export type {
  ScriptedServer,
  ScriptedTransport,
  ScriptedTransportOptions,
} from './scripted-transport.js';
export { REFERENCE_SESSION_DEFAULTS } from './reference-session.js';
export { serverEvents } from './server-events.js';
export { testScheduler } from './test-scheduler.js';
export { describeSinkConformance } from './conformance/sink-conformance.js';
export type { SinkConformanceOptions, SinkUnderTest } from './conformance/sink-conformance.js';
export { describeSourceConformance } from './conformance/source-conformance.js';
export type {
  SourceConformanceOptions,
  SourceUnderTest,
} from './conformance/source-conformance.js';
export { openFileCount } from './conformance/open-files.js';
export { findPrometheus, startPrometheus } from './prometheus-server.js';
export type { PromSample, RunningPrometheus, StartPrometheusOptions } from './prometheus-server.js';
export { eventually } from './eventually.js';
export { findCommand, requireCommand } from './system-command.js';
export { connectVoiceLiveClient } from './voice-live-test-client.js';
export type {
  VoiceLiveTestClient,
  VoiceLiveTestClientOptions,
  WireEvent,
} from './voice-live-test-client.js';
export { refusedUpgrade } from './refused-upgrade.js';
export {
  NOISE_TYPES,
  babbleNoise,
  mixAtSnr,
  pinkNoise,
  seededRandom,
  whiteNoise,
} from './noisy-speech.js';
export type { NoiseType, SampleSpan } from './noisy-speech.js';
export {
  FIXTURES_DIR,
  NOISY_SNRS_DB,
  loadNoisyFixtures,
  loadSpeechFixture,
  makeNoisyFixture,
  noisyFixtureRecipes,
  pcm16Bytes,
  readFixtureManifest,
  sha256Hex,
} from './speech-fixtures.js';
export type {
  FixtureManifest,
  NoisyFixtureEntry,
  SpeechFixture,
  SpeechFixtureEntry,
  SpeechSegment,
} from './speech-fixtures.js';
export { startRecordingProxy } from './recording-proxy.js';
export type { ProxiedFrame, ProxiedUpgrade, RecordingProxy } from './recording-proxy.js';
