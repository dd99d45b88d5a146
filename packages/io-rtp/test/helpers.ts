import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';

import type { Logger, PluginContext } from '@voxd/core';
import { asyncScheduler } from 'rxjs';

import { parseRtpPacket, serializeRtpPacket } from '../src/rtp-packet.js';
import type { RtpPacket } from '../src/rtp-packet.js';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function makeCtx(logger: Logger = silentLogger): PluginContext {
  return { agentName: 'test', baseDir: process.cwd(), scheduler: asyncScheduler, logger };
}

/** A UDP peer on 127.0.0.1 (port 0): sends datagrams and records what it receives, with arrival times. */
export interface UdpPeer {
  readonly port: number;
  readonly received: { readonly atMs: number; readonly packet: RtpPacket }[];
  send(datagram: Uint8Array, port: number): Promise<void>;
  close(): void;
}

export async function udpPeer(): Promise<UdpPeer> {
  const socket: Socket = createSocket('udp4');
  const received: { atMs: number; packet: RtpPacket }[] = [];
  socket.on('message', (datagram) => {
    const parsed = parseRtpPacket(datagram);
    if (parsed.ok) received.push({ atMs: performance.now(), packet: parsed.packet });
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  let closed = false;
  return {
    port: socket.address().port,
    received,
    // A closed peer sends nothing (a test ended while its caller was still talking).
    send: (datagram, port) =>
      closed
        ? Promise.resolve()
        : new Promise((resolve, reject) =>
            socket.send(datagram, port, '127.0.0.1', (error) =>
              error ? reject(error) : resolve(),
            ),
          ),
    close: () => {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
}

/** RTP packets of `payloads`, 20 ms apart at 8 kHz, from `firstSequence` (wrapping). */
export function rtpPackets(
  payloads: readonly Uint8Array[],
  options: {
    ssrc?: number;
    firstSequence?: number;
    firstTimestamp?: number;
    payloadType?: number;
  } = {},
): Uint8Array[] {
  return payloads.map((payload, i) =>
    serializeRtpPacket(
      {
        marker: i === 0,
        payloadType: options.payloadType ?? 0,
        sequence: ((options.firstSequence ?? 1000) + i) & 0xffff,
        timestamp: ((options.firstTimestamp ?? 5000) + i * payload.length) >>> 0,
        ssrc: options.ssrc ?? 0x1234,
      },
      payload,
    ),
  );
}

/** Sends `datagrams` to `port` on a 20 ms clock (or `gapMs`). */
export async function sendPaced(
  peer: UdpPeer,
  port: number,
  datagrams: readonly Uint8Array[],
  gapMs = 20,
): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < datagrams.length; i += 1) {
    const wait = start + i * gapMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const datagram = datagrams[i];
    if (datagram !== undefined) await peer.send(datagram, port);
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
