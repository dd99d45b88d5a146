export type { AudioSink, PlaybackProgress } from './audio-sink.js';
export type { AudioSource } from './audio-source.js';
export type {
  Logger,
  PluginContext,
  PluginOptionIssue,
  PluginRegistry,
  PluginValidationContext,
  SessionPlugin,
  SessionPluginDescriptor,
  SinkPluginDescriptor,
  SourcePluginDescriptor,
  ToolCallContext,
  ToolDefinition,
} from './plugin.js';
export type { SessionEvent } from './session-event.js';
export type { Transport, TransportMessage, TransportStatus } from './transport.js';
