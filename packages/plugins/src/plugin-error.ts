import { VoxdError } from '@voxd/errors';

/**
 * Codes of the built-in session plugins' failures.
 *
 * - `E_PLUGIN_IO`: a transcript or recording file could not be created or written.
 * - `E_PLUGIN_NOT_FOUND`: a plugin package or tools module is not installed / does not exist.
 * - `E_PLUGIN_INVALID`: a plugin package's export is not a descriptor, or a tools module lacks an export.
 * - `E_TOOL_HTTP_STATUS`: a `tools-http` endpoint answered with a non-2xx status.
 * - `E_TOOL_HTTP_FAILED`: a `tools-http` request failed (connection refused, timeout, abort).
 */
export type PluginErrorCode =
  | 'E_PLUGIN_IO'
  | 'E_PLUGIN_NOT_FOUND'
  | 'E_PLUGIN_INVALID'
  | 'E_TOOL_HTTP_STATUS'
  | 'E_TOOL_HTTP_FAILED';

/** A failure of a built-in session plugin; the message names the file, URL or package. */
export class PluginError extends VoxdError<PluginErrorCode> {}
