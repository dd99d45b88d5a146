export { startLocalServer } from './local-server.js';
export type { LocalServer, LocalServerStats } from './local-server.js';
export type { VoiceSessionState } from './session/voice-session.js';
export { LocalServerError } from './local-server-error.js';
export type { LocalServerErrorCode } from './local-server-error.js';
export type {
  FaultOptions,
  LocalServerLogger,
  LocalServerOptions,
  ResponderOption,
} from './local-server-options.js';
export type {
  FunctionTool,
  Responder,
  ResponderTurn,
  ResponsePlan,
} from './responders/responder.js';
export type { ScriptTurn } from './responders/load-script.js';
export type { Transcriber, VadEngine } from './engines.js';
export { loadScript } from './responders/load-script.js';
export { USAGE as LOCAL_SERVER_USAGE, parseCliArgs as parseLocalServerArgs } from './cli-args.js';
export type { CliArgs as LocalServerCliArgs } from './cli-args.js';
