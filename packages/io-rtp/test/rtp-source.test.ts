import { G711_ULAW, PCM16_24K, durationMs } from '@voxd/audio';
import type { AudioFrame } from '@voxd/audio';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';

import { STATIC_PAYLOAD_TYPES } from '../src/payload-types.js';
import { serializeRtcpBye } from '../src/rtcp-packet.js';
import type { RtpSourceOptions } from '../src/rtp-options.js';
import { serializeRtpPacket } from '../src/rtp-packet.js';
import { createRtpSource } from '../src/rtp-source.js';
import type { RtpSource } from '../src/rtp-source.js';
import { makeCtx, rtpPackets, sendPaced, sleep, udpPeer } from './helpers.js';
import type { UdpPeer } from './helpers.js';

const options: RtpSourceOptions = {
  listen: { host: '127.0.0.1', port: 0 },
  sessionFormat: G711_ULAW,
  payloadTypes: STATIC_PAYLOAD_TYPES,
  frameMs: 20,
  jitterMs: 60,
  inactivityTimeoutMs: 3000,
};

const peers: UdpPeer[] = [];
afterEach(() => peers.splice(0).forEach((peer) => peer.close()));

async function peer(): Promise<UdpPeer> {
  const p = await udpPeer();
  peers.push(p);
  return p;
}

/** Runs `source` until it completes while `caller` plays `datagrams` to it once it listens. */
async function receive(
  source: RtpSource,
  caller: UdpPeer,
  datagrams: readonly Uint8Array[],
): Promise<AudioFrame[]> {
  const sub = source.listening$.subscribe(({ port }) => void sendPaced(caller, port, datagrams));
  try {
    return await lastValueFrom(source.frames$.pipe(toArray()));
  } finally {
    sub.unsubscribe();
  }
}

const bytesOf = (frames: readonly AudioFrame[]): number[] =>
  frames.flatMap((frame) => [...frame.data]);

/** 160-byte µ-law payloads, payload i filled with byte value i + 1 (never 0xff, µ-law silence). */
const payloads = (n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => new Uint8Array(160).fill((i % 200) + 1));

describe('rtp source over real UDP', () => {
  it('undoes loss, reordering and duplicates, drops garbage, and ends on BYE', async () => {
    const source = createRtpSource(options, makeCtx());
    const caller = await peer();
    // Sequence numbers start just below the wrap, timestamps just below 2^32.
    const packets = rtpPackets(payloads(40), {
      firstSequence: 65530,
      firstTimestamp: 2 ** 32 - 800,
    });
    const garbage = [
      Uint8Array.from([1, 2, 3]),
      Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff),
      serializeRtpPacket(
        { marker: false, payloadType: 0, sequence: 1, timestamp: 1, ssrc: 1 },
        new Uint8Array(0),
      ),
      Uint8Array.from([0x8f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5]), // 15 CSRCs claimed, none there
      Uint8Array.from([0x81, 203, 0, 9, 0, 0, 0, 1]), // RTCP whose length runs past the datagram
      serializeRtpPacket(
        { marker: false, payloadType: 18, sequence: 2, timestamp: 2, ssrc: 0x1234 },
        new Uint8Array(20),
      ),
    ];
    const sent: Uint8Array[] = [];
    packets.forEach((p, i) => {
      if (i === 10) return; // lost
      if (i === 20) return; // sent after 21: reordered
      sent.push(p);
      if (i === 21 && packets[20] !== undefined) sent.push(packets[20]);
      if (i === 30) sent.push(p); // duplicated
      if (i % 7 === 2) sent.push(garbage[(i / 7) | 0] ?? new Uint8Array(1));
    });
    sent.push(serializeRtcpBye(0x1234));
    const frames = await receive(source, caller, sent);

    const expected = payloads(40).flatMap((p, i) =>
      i === 10 ? new Array<number>(160).fill(0xff) : [...p],
    );
    expect(bytesOf(frames)).toEqual(expected);
    const stats = source.stats();
    expect(stats).toMatchObject({
      lost: 1,
      duplicates: 1,
      reordered: 1,
      unknownPayloadType: 1,
      restarts: 0,
    });
    const malformed = Object.values(stats.malformed).reduce((a, b) => a + b, 0);
    expect(malformed).toBe(5);
    expect(source.isListening()).toBe(false);
  });

  it('keeps playing across an SSRC change and locks the call to its first sender', async () => {
    const source = createRtpSource(options, makeCtx());
    const caller = await peer();
    const intruder = await peer();
    const first = rtpPackets(payloads(10), { ssrc: 1 });
    const second = rtpPackets(payloads(20).slice(10), {
      ssrc: 2,
      firstSequence: 7,
      firstTimestamp: 0,
    });
    const sub = source.listening$.subscribe(({ port }) => {
      // Once the call is up: the first sender owns it.
      void sleep(100).then(() =>
        sendPaced(intruder, port, rtpPackets(payloads(5), { ssrc: 99 }), 40),
      );
    });
    const frames = await receive(source, caller, [...first, ...second, serializeRtcpBye(2)]);
    sub.unsubscribe();
    expect(bytesOf(frames)).toEqual(payloads(20).flatMap((p) => [...p]));
    expect(source.stats()).toMatchObject({ restarts: 1, lost: 0 });
    expect(source.stats().foreign).toBeGreaterThan(0);
  });

  it('ends the call after the inactivity timeout', async () => {
    const source = createRtpSource({ ...options, inactivityTimeoutMs: 300 }, makeCtx());
    const caller = await peer();
    const frames = await receive(source, caller, rtpPackets(payloads(5)));
    expect(frames).toHaveLength(5);
  });

  it('transcodes µ-law to PCM16 24 kHz when the session is not G.711', async () => {
    const source = createRtpSource({ ...options, sessionFormat: PCM16_24K }, makeCtx());
    const caller = await peer();
    const frames = await receive(source, caller, [
      ...rtpPackets(payloads(25)),
      serializeRtcpBye(0x1234),
    ]);
    expect(frames.every((f) => f.format === PCM16_24K || f.format.encoding === 'pcm16')).toBe(true);
    const totalMs = frames.reduce((ms, f) => ms + durationMs(f.format, f.data.length), 0);
    expect(totalMs).toBeGreaterThanOrEqual(480);
    expect(totalMs).toBeLessThanOrEqual(520);
  });

  it('accepts L16 on a dynamic payload type (network byte order)', async () => {
    const source = createRtpSource(
      {
        ...options,
        sessionFormat: { encoding: 'pcm16', sampleRate: 16000, channels: 1 },
        payloadTypes: [{ payloadType: 97, codec: 'L16', clockRate: 16000 }],
      },
      makeCtx(),
    );
    const caller = await peer();
    // 20 ms at 16 kHz: 320 samples, each 0x0102 big-endian.
    const l16 = Array.from({ length: 5 }, () =>
      Uint8Array.from({ length: 640 }, (_, i) => (i % 2 === 0 ? 1 : 2)),
    );
    const frames = await receive(source, caller, [
      ...rtpPackets(l16, { payloadType: 97 }),
      serializeRtcpBye(0x1234),
    ]);
    expect(frames).toHaveLength(5);
    expect([...(frames[0]?.data.subarray(0, 4) ?? [])]).toEqual([2, 1, 2, 1]);
  });

  it('reports a clear error when the port is taken', async () => {
    const a = createRtpSource(options, makeCtx());
    const sub = a.frames$.subscribe();
    const { port } = await firstValueFrom(a.listening$);
    const b = createRtpSource({ ...options, listen: { host: '127.0.0.1', port } }, makeCtx());
    await expect(lastValueFrom(b.frames$)).rejects.toMatchObject({ code: 'E_RTP_SOCKET' });
    sub.unsubscribe();
    await sleep(10);
  });
});
