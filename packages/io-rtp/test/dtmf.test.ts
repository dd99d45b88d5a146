import { G711_ULAW } from '@voxd/audio';
import { lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';

import { parseTelephoneEvent } from '../src/dtmf.js';
import { serializeRtcpBye } from '../src/rtcp-packet.js';
import { serializeRtpPacket } from '../src/rtp-packet.js';
import { createRtpSource } from '../src/rtp-source.js';
import type { DtmfKey } from '../src/rtp-source.js';
import { makeCtx, rtpPackets, sendPaced, udpPeer } from './helpers.js';
import type { UdpPeer } from './helpers.js';

const peers: UdpPeer[] = [];
afterEach(() => peers.splice(0).forEach((peer) => peer.close()));

/** An RFC 4733 event packet: `key` (0–15), end bit, 10 of volume, `duration` samples. */
function dtmfPacket(sequence: number, timestamp: number, key: number, end: boolean): Uint8Array {
  return serializeRtpPacket(
    { marker: false, payloadType: 101, sequence, timestamp, ssrc: 0x1234 },
    Uint8Array.of(key, (end ? 0x80 : 0) | 10, 0, 160),
  );
}

describe('DTMF (RFC 4733 telephone-event)', () => {
  it('parses keys, the end bit, volume and duration', () => {
    expect(parseTelephoneEvent(Uint8Array.of(11, 0x8a, 0x03, 0x20))).toEqual({
      key: '#',
      end: true,
      volume: 10,
      duration: 800,
    });
    expect(parseTelephoneEvent(Uint8Array.of(1, 0))).toBeUndefined();
  });

  it('emits each key press once and never plays events as audio', async () => {
    const source = createRtpSource(
      {
        listen: { host: '127.0.0.1', port: 0 },
        sessionFormat: G711_ULAW,
        payloadTypes: [
          { payloadType: 0, codec: 'PCMU', clockRate: 8000 },
          { payloadType: 101, codec: 'telephone-event', clockRate: 8000 },
        ],
        frameMs: 20,
        jitterMs: 20,
        inactivityTimeoutMs: 3000,
      },
      makeCtx(),
    );
    const caller = await udpPeer();
    peers.push(caller);
    const audio = rtpPackets(
      Array.from({ length: 5 }, () => new Uint8Array(160).fill(7)),
      { firstSequence: 100 },
    );
    // "5" (three packets, the end one repeated as senders do), then "#".
    const events = [
      dtmfPacket(1, 9000, 5, false),
      dtmfPacket(2, 9000, 5, true),
      dtmfPacket(3, 9000, 5, true),
      dtmfPacket(4, 9800, 11, true),
    ];
    const keys: DtmfKey[] = [];
    source.dtmf$.subscribe((key) => keys.push(key));
    source.listening$.subscribe(({ port }) => {
      void sendPaced(caller, port, [...audio, ...events, serializeRtcpBye(0x1234)]);
    });
    const frames = await lastValueFrom(source.frames$.pipe(toArray()));
    expect(keys.map((k) => k.key)).toEqual(['5', '#']);
    expect(frames.flatMap((f) => [...f.data]).every((b) => b === 7)).toBe(true);
    expect(source.stats().dtmf).toBe(4);
  });
});
