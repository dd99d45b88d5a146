// A separate entry point (`@voxd/testing/official-sdk`) so that only the tests that drive the
// official SDK load it; `@voxd/testing` itself stays free of it.
export { holdSdkConversation } from './sdk-conversation.js';
export type { SdkConversation, SdkConversationOptions } from './sdk-conversation.js';
export { holdSdkTurns } from './sdk-turns.js';
export type { SdkTurn, SdkTurnsOptions, SdkTurnsResult } from './sdk-turns.js';
