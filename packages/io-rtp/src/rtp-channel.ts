import type { Socket } from 'node:dgram';

import type { HostPort } from './host-port.js';
import type { PayloadSpec } from './payload-types.js';

/**
 * What an RTP source and the sink of the same session share: the listening socket (so replies
 * leave from the port the caller sends to: symmetric RTP), the caller's address and codec.
 */
export interface RtpChannel {
  /** The source's bound socket, while its `frames$` is subscribed. */
  socket: Socket | undefined;
  /** The address the current call's packets come from. */
  remote: HostPort | undefined;
  /** The audio payload type the caller sends. */
  inbound: PayloadSpec | undefined;
}

export function createRtpChannel(): RtpChannel {
  return { socket: undefined, remote: undefined, inbound: undefined };
}
