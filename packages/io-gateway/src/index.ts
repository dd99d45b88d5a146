// @voxd/io-gateway: lets any Voice Live client connect to voxd as if it were Voice Live.
export { checkUpgrade, hashCredentials } from './check-upgrade.js';
export type { Credentials, UpgradeCheck } from './check-upgrade.js';
export {
  base64ByteLength,
  deriveSessionEvents,
  INITIAL_DERIVER_STATE,
  inputBytesPerMs,
  outputBytesPerMs,
} from './derive-session-events.js';
export type { DeriverState, Derived, RelayedMessage } from './derive-session-events.js';
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
