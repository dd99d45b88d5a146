// Voice Live wire protocol in both dialects: the dated api-versions (2025-10-01 … 2026-07-15, plus
// the (2026+) additions) and `v1` (OpenAI Realtime GA shape with Voice Live extensions): zod
// schemas, the types inferred from them, the edge parsers and the translation between the two.
// See /work/shared/reference/voicelive-protocol.md.
export { API_VERSIONS, DEFAULT_API_VERSION } from './api-version.js';
export { inputAudioFormatSchema, outputAudioFormatSchema } from './audio-formats.js';
export type { AudioFormatName, InputAudioFormatName } from './audio-formats.js';
export { avatarSchema, iceServerSchema } from './avatar.js';
export type { Avatar } from './avatar.js';
export {
  assistantMessageItemSchema,
  clientItemSchema,
  clientMessageItemSchema,
} from './client-items.js';
export type { AssistantMessageItem, ClientItem, ClientMessageItem } from './client-items.js';
export {
  clientEventSchema,
  clientEventSchemas,
  conversationItemCreateEventSchema,
  conversationItemTruncateEventSchema,
  inputAudioBufferAppendEventSchema,
  responseCreateEventSchema,
  sessionUpdateEventSchema,
} from './client-events.js';
export type { ClientEvent, ClientEventOf, ClientEventType } from './client-events.js';
export { checkVoiceLiveUpgrade, VOICE_LIVE_PATHS } from './check-voice-live-upgrade.js';
export type {
  OfferedCredentials,
  UpgradeAcceptance,
  UpgradeRequest,
  VoiceLiveUpgradeCheck,
  VoiceLiveUpgradePolicy,
} from './check-voice-live-upgrade.js';
export { base64Schema } from './common.js';
export { contentPartSchema, userContentPartSchema } from './content-parts.js';
export type { ContentPart, UserContentPart } from './content-parts.js';
export {
  conversationItemSchema,
  functionCallItemSchema,
  itemStatusSchema,
  messageItemSchema,
} from './conversation-items.js';
export type {
  ConversationItem,
  FunctionCallItem,
  ItemStatus,
  MessageItem,
} from './conversation-items.js';
export { buildErrorEvent, protocolErrorDetails } from './error-event.js';
export type { ErrorEventDetails, UnstampedErrorEvent } from './error-event.js';
export { errorDetailsSchema, nestedErrorSchema, warningDetailsSchema } from './error-details.js';
export type { ErrorDetails, NestedError, WarningDetails } from './error-details.js';
export {
  CLIENT_EVENT_TYPES,
  isClientEventType,
  isServerEventType,
  SERVER_EVENT_TYPES,
} from './event-types.js';
export {
  DEFAULT_MAX_CLIENT_EVENT_BYTES,
  DEFAULT_MAX_SERVER_EVENT_BYTES,
  SDK_MAX_SERVER_FRAME_BYTES,
} from './frame.js';
export { formatParam } from './issue-to-error.js';
export { encodeEvent, parseClientEvent, parseServerEvent } from './parse.js';
export type { ParseOptions, Parsed, ServerParseOptions } from './parse.js';
export type { UnlistedValue } from './open-value-issues.js';
export { ProtocolError } from './protocol-error.js';
export type { ProtocolErrorCode, ProtocolErrorDetails } from './protocol-error.js';
export { responseObjectSchema, responseStatusSchema, statusDetailsSchema } from './response.js';
export type { ResponseObject, ResponseStatus, StatusDetails } from './response.js';
export { responseMetadataSchema, responseOverridesSchema } from './response-overrides.js';
export type { ResponseOverrides } from './response-overrides.js';
export { serverEventSchema, serverEventSchemas } from './server-events.js';
export type { ServerEvent, ServerEventOf, ServerEventType } from './server-events.js';
export { sessionAgentSchema, sessionConfigSchema, sessionObjectSchema } from './session.js';
export type { SessionAgent, SessionConfig, SessionObject } from './session.js';
export {
  animationSchema,
  echoCancellationSchema,
  inputAudioTranscriptionSchema,
  interimResponseSchema,
  maxTokensSchema,
  modalitiesSchema,
  noiseReductionSchema,
  reasoningEffortSchema,
  temperatureSchema,
  transcriptionModelSchema,
} from './session-features.js';
export type {
  Animation,
  EchoCancellation,
  InputAudioTranscription,
  InterimResponse,
  MaxTokens,
  Modality,
  NoiseReduction,
  ReasoningEffort,
} from './session-features.js';
export { functionToolSchema, mcpToolSchema, toolChoiceSchema, toolSchema } from './tools.js';
export type { FunctionTool, McpTool, Tool, ToolChoice } from './tools.js';
export { endOfUtteranceDetectionSchema, turnDetectionSchema } from './turn-detection.js';
export type {
  EndOfUtteranceDetection,
  TurnDetection,
  TurnDetectionType,
} from './turn-detection.js';
export { formatUpgradeResponse, rejectUpgrade, UPGRADE_REQUIRED } from './upgrade-rejection.js';
export type { UpgradeRejection, UpgradeRejectionStatus } from './upgrade-rejection.js';
export { readUpgradeTarget } from './upgrade-target.js';
export type { UpgradeTarget } from './upgrade-target.js';
export { usageSchema } from './usage.js';
export type { Usage } from './usage.js';
export { openAiVoiceNameSchema, voiceSchema } from './voice.js';
export type { OpenAiVoiceName, Voice } from './voice.js';
export { dialectOf, DIALECTS } from './dialect.js';
export type { Dialect } from './dialect.js';
export { codecFor, parseV1ClientEvent, parseV1ServerEvent } from './dialect-parse.js';
export type { DialectClientEvent, DialectCodec, DialectServerEvent } from './dialect-parse.js';
export {
  formatVoiceLiveFeatures,
  parseVoiceLiveFeatures,
  VOICE_LIVE_FEATURES_HEADER,
} from './voice-live-features.js';
export type { VoiceLiveFeatures, VoiceLiveFeaturesParse } from './voice-live-features.js';
export { gaAudioFormatSchema } from './ga-audio-format.js';
export type { GaAudioFormat } from './ga-audio-format.js';
export {
  gaAudioInputSchema,
  gaAudioOutputSchema,
  gaSessionConfigSchema,
  gaSessionObjectSchema,
  gaToolSchema,
} from './ga-session.js';
export type {
  GaAudioInput,
  GaAudioOutput,
  GaSessionConfig,
  GaSessionObject,
} from './ga-session.js';
export { gaClientItemSchema, gaContentPartSchema, gaConversationItemSchema } from './ga-items.js';
export type { GaClientItem, GaContentPart, GaConversationItem } from './ga-items.js';
export { gaResponseCreateParamsSchema, gaResponseObjectSchema } from './ga-response.js';
export type { GaResponseCreateParams, GaResponseObject } from './ga-response.js';
export { gaClientEventSchema, gaClientEventSchemas } from './ga-client-events.js';
export type { GaClientEvent, GaClientEventOf, GaClientEventType } from './ga-client-events.js';
export { gaServerEventSchema, gaServerEventSchemas } from './ga-server-events.js';
export type { GaServerEvent, GaServerEventOf, GaServerEventType } from './ga-server-events.js';
export {
  clientEventToDated,
  clientEventToV1,
  serverEventToDated,
  serverEventToV1,
} from './translate-events.js';
export type { Translated, TranslationLoss, WireEvent } from './translation-loss.js';
export { createV1ServerStream } from './v1-server-stream.js';
