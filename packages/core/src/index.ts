export type { AudioSink, PlaybackProgress } from './audio-sink.js';
export type { AudioSource } from './audio-source.js';
export { CoreError } from './core-error.js';
export type { CoreErrorCode } from './core-error.js';
export { createSession } from './create-session.js';
export type { CreateSessionOptions, Session } from './create-session.js';
export type { DroppedCallReason } from './decide-function-calls.js';
export type {
  Logger,
  PluginContext,
  PluginOptionIssue,
  AnySessionPlugin,
  AnySinkPlugin,
  AnySourcePlugin,
  PluginRegistry,
  PluginValidationContext,
  SessionPlugin,
  SessionPluginDescriptor,
  SinkPluginDescriptor,
  SourcePluginDescriptor,
  ToolCallContext,
  ToolDefinition,
} from './plugin.js';
export type {
  SessionCloseReason,
  SessionEvent,
  SessionEventOf,
  SessionEventType,
} from './session-event.js';
export { responseDoneEventOf } from './response-done-event-of.js';
export { inputFormatOf, outputFormatOf } from './session-formats.js';
export { createToolCalls } from './tool-calls.js';
export type { ToolCalls, ToolCallsOptions } from './tool-calls.js';
export { DEFAULT_TOOL_TIMEOUT_MS, runTool } from './tool-runner.js';
export { transcriptEventOf } from './transcript-event-of.js';
export type { TranscriptServerEvent } from './transcript-event-of.js';
export type { RunToolOptions, ToolOutcome } from './tool-runner.js';
export type { Transport, TransportMessage, TransportStatus } from './transport.js';
export { reduceTurnTracker, toTurnState, turnStateOf, INITIAL_TURN_TRACKER } from './turn-state.js';
export type { TurnState, TurnTracker } from './turn-state.js';
export { untilInterrupted } from './until-interrupted.js';
export type { PlaybackOutcome } from './until-interrupted.js';
