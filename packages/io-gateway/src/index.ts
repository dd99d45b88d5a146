// @voxd/io-gateway: lets any Voice Live client connect to voxd as if it were Voice Live.
export { applySessionUpdate } from './apply-session-update.js';
export type { SessionUpdateInput, SessionUpdateOutcome } from './apply-session-update.js';
export { checkUpgrade, hashCredentials } from './check-upgrade.js';
export type { Credentials, UpgradeCheck } from './check-upgrade.js';
export {
  base64ByteLength,
  deriveSessionEvents,
  INITIAL_DERIVER_STATE,
  inputBytesPerMs,
  outputBytesPerMs,
} from './derive-session-events.js';
export type {
  AudioFormats,
  DeriverState,
  Derived,
  RelayedMessage,
} from './derive-session-events.js';
export {
  CLIENT_AUDIO_FIELDS,
  createSessionFieldPolicy,
  DEFAULT_FIELD_POLICIES,
  FIELD_POLICIES,
  KNOWN_SESSION_FIELDS,
  sessionFieldPolicyProblem,
  UNKNOWN_FIELD_POLICY,
} from './field-policy.js';
export type { FieldPolicy, SessionFieldPolicy } from './field-policy.js';
export { GatewayError } from './gateway-error.js';
export type { GatewayErrorCode } from './gateway-error.js';
export type {
  Gateway,
  GatewayOptions,
  GatewaySession,
  UpstreamRequest,
} from './gateway-options.js';
export type { GatewayCloseStatus } from './gateway-options.js';
export { startGateway } from './start-gateway.js';
