// (2026+) server events: tools (MCP, system tools), end_conversation, avatar state, video,
// annotations, hosted-agent invocations and search calls. Parsed as known so that clients see
// them typed; the reference gives few fields for the search events, so only the usual location
// fields are declared there, all optional.
import { z } from 'zod';

import { jsonObjectSchema, nonNegativeInt, opt } from './common.js';
import { itemLocationFields, locationFields, serverEvent } from './server-event.js';

const itemIdOnly = { item_id: z.string() };
const mcpCallStatus = { item_id: z.string(), output_index: nonNegativeInt };

export const mcpListToolsInProgressEventSchema = serverEvent(
  'mcp_list_tools.in_progress',
  itemIdOnly,
);
export const mcpListToolsCompletedEventSchema = serverEvent('mcp_list_tools.completed', itemIdOnly);
export const mcpListToolsFailedEventSchema = serverEvent('mcp_list_tools.failed', itemIdOnly);
export const mcpCallArgumentsDeltaEventSchema = serverEvent('response.mcp_call_arguments.delta', {
  ...itemLocationFields,
  delta: z.string(),
  obfuscation: opt(z.string()),
});
export const mcpCallArgumentsDoneEventSchema = serverEvent('response.mcp_call_arguments.done', {
  ...itemLocationFields,
  arguments: opt(z.string()),
});
export const mcpCallInProgressEventSchema = serverEvent(
  'response.mcp_call.in_progress',
  mcpCallStatus,
);
export const mcpCallCompletedEventSchema = serverEvent(
  'response.mcp_call.completed',
  mcpCallStatus,
);
export const mcpCallFailedEventSchema = serverEvent('response.mcp_call.failed', mcpCallStatus);
export const systemToolArgumentsDeltaEventSchema = serverEvent(
  'response.system_tool_arguments.delta',
  { ...itemLocationFields, call_id: z.string(), delta: z.string(), obfuscation: opt(z.string()) },
);
export const systemToolArgumentsDoneEventSchema = serverEvent(
  'response.system_tool_arguments.done',
  { ...itemLocationFields, call_id: z.string(), name: z.string(), arguments: z.string() },
);
/** New user input stopped a pending close; `id` is the system-tool `call_id`. */
export const endConversationCancelledEventSchema = serverEvent(
  'session.end_conversation.cancelled',
  { id: z.string() },
);
/** The farewell has played; the server closes with 1001. */
export const endConversationCompletedEventSchema = serverEvent(
  'session.end_conversation.completed',
  { id: z.string() },
);
export const avatarSwitchToSpeakingEventSchema = serverEvent('session.avatar.switch_to_speaking', {
  turn_id: opt(z.string()),
});
export const avatarSwitchToIdleEventSchema = serverEvent('session.avatar.switch_to_idle', {
  turn_id: opt(z.string()),
});
export const videoDeltaEventSchema = serverEvent('response.video.delta', {
  output_index: nonNegativeInt,
  codec: z.string(),
  delta: z.string(),
});
export const audioTranscriptAnnotationAddedEventSchema = serverEvent(
  'response.audio_transcript.annotation.added',
  { ...locationFields, annotation_index: nonNegativeInt, annotation: jsonObjectSchema },
);
/** Hosted agents. */
export const invocationDeltaEventSchema = serverEvent('response.invocation.delta', {
  delta: jsonObjectSchema,
});

const searchCallFields = {
  response_id: opt(z.string()),
  item_id: opt(z.string()),
  output_index: opt(nonNegativeInt),
};
export const webSearchCallSearchingEventSchema = serverEvent(
  'response.web_search_call.searching',
  searchCallFields,
);
export const webSearchCallInProgressEventSchema = serverEvent(
  'response.web_search_call.in_progress',
  searchCallFields,
);
export const webSearchCallCompletedEventSchema = serverEvent(
  'response.web_search_call.completed',
  searchCallFields,
);
export const fileSearchCallSearchingEventSchema = serverEvent(
  'response.file_search_call.searching',
  searchCallFields,
);
export const fileSearchCallInProgressEventSchema = serverEvent(
  'response.file_search_call.in_progress',
  searchCallFields,
);
export const fileSearchCallCompletedEventSchema = serverEvent(
  'response.file_search_call.completed',
  searchCallFields,
);

export const previewServerEventSchemas = [
  mcpListToolsInProgressEventSchema,
  mcpListToolsCompletedEventSchema,
  mcpListToolsFailedEventSchema,
  mcpCallArgumentsDeltaEventSchema,
  mcpCallArgumentsDoneEventSchema,
  mcpCallInProgressEventSchema,
  mcpCallCompletedEventSchema,
  mcpCallFailedEventSchema,
  systemToolArgumentsDeltaEventSchema,
  systemToolArgumentsDoneEventSchema,
  endConversationCancelledEventSchema,
  endConversationCompletedEventSchema,
  avatarSwitchToSpeakingEventSchema,
  avatarSwitchToIdleEventSchema,
  videoDeltaEventSchema,
  audioTranscriptAnnotationAddedEventSchema,
  invocationDeltaEventSchema,
  webSearchCallSearchingEventSchema,
  webSearchCallInProgressEventSchema,
  webSearchCallCompletedEventSchema,
  fileSearchCallSearchingEventSchema,
  fileSearchCallInProgressEventSchema,
  fileSearchCallCompletedEventSchema,
] as const;
