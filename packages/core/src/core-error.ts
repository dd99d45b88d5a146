import { VoxdError } from '@voxd/errors';

/**
 * Codes of the errors a session reports (in `session.error` events and by erroring `events$`).
 *
 * - `E_SESSION_READY_TIMEOUT`: no `session.created` (or `session.updated`) within `readyTimeoutMs`.
 * - `E_SESSION_UPDATE_REJECTED`: the server answered the session's `session.update` with `error`.
 * - `E_FORMAT_MISMATCH`: the source or sink format differs from the session's audio formats.
 * - `E_FORMAT_UNSUPPORTED`: the session asks for an audio format voxd cannot stream.
 * - `E_SERVER_ERROR`: the server sent an `error` event (recoverable; `message` is the server's).
 * - `E_MALFORMED_EVENT`: the transport received a frame it could not parse (recoverable).
 * - `E_AUDIO_DELTA_INVALID`: a `response.audio.delta` did not decode (recoverable; dropped).
 * - `E_TRANSCRIPTION_FAILED`: the server could not transcribe a user item (recoverable).
 * - `E_TRANSPORT_CLOSED`: the connection ended while the session was still open.
 * - `E_SOURCE_FAILED` / `E_SINK_FAILED`: the audio source or sink errored.
 * - `E_PLUGIN_FAILED`: a plugin's audio processor or tap threw.
 * - `E_TOOL_CONFLICT`: two tools (plugins' or the session's) share a name.
 * - `E_INVALID_OPTION`: a `createSession` option is out of range.
 * - `E_SESSION_CLOSED`: an operation needs an open session.
 */
export type CoreErrorCode =
  | 'E_SESSION_READY_TIMEOUT'
  | 'E_SESSION_UPDATE_REJECTED'
  | 'E_FORMAT_MISMATCH'
  | 'E_FORMAT_UNSUPPORTED'
  | 'E_SERVER_ERROR'
  | 'E_MALFORMED_EVENT'
  | 'E_AUDIO_DELTA_INVALID'
  | 'E_TRANSCRIPTION_FAILED'
  | 'E_TRANSPORT_CLOSED'
  | 'E_SOURCE_FAILED'
  | 'E_SINK_FAILED'
  | 'E_PLUGIN_FAILED'
  | 'E_TOOL_CONFLICT'
  | 'E_INVALID_OPTION'
  | 'E_SESSION_CLOSED';

/** An error raised by `@voxd/core`. Other packages' errors (transport, source) pass through as they are. */
export class CoreError extends VoxdError<CoreErrorCode> {}
