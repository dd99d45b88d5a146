import { VoxdError } from '@voxd/errors';

/**
 * - `E_RTP_SOCKET`: the UDP socket could not be bound or failed (address in use, not local).
 * - `E_RTP_SINK_BUSY`: `play` was subscribed while another `play` of the same sink was running.
 * - `E_RTP_SINK_CLOSED`: `play` after `close()`.
 * - `E_RTP_FORMAT_MISMATCH`: a frame given to the sink is not in the sink's format.
 */
export type RtpErrorCode =
  'E_RTP_SOCKET' | 'E_RTP_SINK_BUSY' | 'E_RTP_SINK_CLOSED' | 'E_RTP_FORMAT_MISMATCH';

/** A failure of the RTP source or sink; the message names the address involved. */
export class RtpError extends VoxdError<RtpErrorCode> {}
