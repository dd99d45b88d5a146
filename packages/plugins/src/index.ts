export { createConversationTimeline } from './conversation-timeline.js';
export type {
  ConversationTimeline,
  ConversationTimelineOptions,
  TimelineTrack,
} from './conversation-timeline.js';
export { PluginError } from './plugin-error.js';
export type { PluginErrorCode } from './plugin-error.js';
export { recorderOptionsSchema, recorderPlugin } from './recorder-plugin.js';
export type {
  RecorderOptions,
  RecorderPlugin,
  RecorderPluginDescriptor,
} from './recorder-plugin.js';
export { transcriptOptionsSchema, transcriptPlugin } from './transcript-plugin.js';
export type { TranscriptLine, TranscriptOptions } from './transcript-plugin.js';
export { loadPluginPackage } from './load-plugin-package.js';
export { callEndpoint, toolsHttpOptionsSchema, toolsHttpPlugin } from './tools-http-plugin.js';
export type { HttpToolOptions, ToolsHttpOptions } from './tools-http-plugin.js';
export { toolsModuleOptionsSchema, toolsModulePlugin } from './tools-module-plugin.js';
export type { ModuleToolHandler, ToolsModuleOptions } from './tools-module-plugin.js';
