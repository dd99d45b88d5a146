import { G711_ULAW, PCM16_24K, tone } from '@voxd/audio';
import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { Subject, firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';

import { createRtpPlugins } from '../src/rtp-plugins.js';
import { createRtpSink } from '../src/rtp-sink.js';
import { makeCtx, rtpPackets, sendPaced, sleep, udpPeer } from './helpers.js';
import type { UdpPeer } from './helpers.js';

const peers: UdpPeer[] = [];
afterEach(() => peers.splice(0).forEach((peer) => peer.close()));
async function peer(): Promise<UdpPeer> {
  const p = await udpPeer();
  peers.push(p);
  return p;
}

const frames = (format: AudioFormat, n: number): AudioFrame[] =>
  Array.from({ length: n }, (_, i) => ({
    format,
    data: tone(format, { frequencyHz: 440, durationMs: 20, amplitude: 0.3 }),
    timestampMs: i * 20,
  }));

describe('rtp sink over real UDP', () => {
  it('answers the caller from the listening port (symmetric RTP), paced, with continuous numbering', async () => {
    const rtp = createRtpPlugins();
    const ctx = makeCtx();
    const source = rtp.source.create(rtp.source.options.parse({ listen: '127.0.0.1:0' }), ctx);
    const sink = rtp.sink.create(rtp.sink.options.parse({}), ctx);
    expect(sink.format).toEqual(G711_ULAW);
    const caller = await peer();
    const input = source.frames$.subscribe();
    const { port } = await firstValueFrom(source.listening$);
    await sendPaced(caller, port, rtpPackets([new Uint8Array(160).fill(1)]));
    await sleep(50);

    const t0 = performance.now();
    await lastValueFrom(sink.play(from(frames(G711_ULAW, 25))));
    const elapsedMs = performance.now() - t0;
    await lastValueFrom(sink.play(from(frames(G711_ULAW, 5))));
    await sleep(50);
    input.unsubscribe();
    await sink.close();

    const got = caller.received;
    expect(got).toHaveLength(30);
    // Paced by a clock: 25 packets of 20 ms never leave faster than real time (a burst would).
    expect(elapsedMs).toBeGreaterThanOrEqual(24 * 20 * 0.95);
    got.forEach(({ packet }, i) => {
      expect(packet.payloadType).toBe(0);
      expect(packet.payload).toHaveLength(160);
      expect(packet.marker, `marker of packet ${i}`).toBe(i === 0 || i === 25);
      const prev = got[i - 1]?.packet;
      if (prev === undefined) return;
      expect(packet.sequence).toBe((prev.sequence + 1) & 0xffff);
      expect(packet.ssrc).toBe(prev.ssrc);
      const step = (packet.timestamp - prev.timestamp) >>> 0;
      if (i === 25)
        expect(step).toBeGreaterThanOrEqual(160); // the pause is a timestamp gap
      else expect(step).toBe(160);
    });
  });

  it('transcodes PCM16 24 kHz to µ-law 8 kHz packets', async () => {
    const receiver = await peer();
    const sink = createRtpSink(
      {
        target: { host: '127.0.0.1', port: receiver.port },
        codec: 'PCMU',
        fallback: { payloadType: 0, codec: 'PCMU', clockRate: 8000 },
        payloadType: 96,
        clockRate: 8000,
        ptimeMs: 20,
        format: PCM16_24K,
      },
      makeCtx(),
    );
    const progress = await lastValueFrom(sink.play(from(frames(PCM16_24K, 10))).pipe(toArray()));
    await sleep(50);
    await sink.close();
    expect(progress.at(-1)?.playedMs).toBeCloseTo(200, 3);
    const ms = receiver.received.reduce((n, r) => n + r.packet.payload.length / 8, 0);
    expect(ms).toBeGreaterThanOrEqual(200);
    expect(ms).toBeLessThanOrEqual(220); // the resampler's tail, padded to one packet
  });

  it('sends nothing after a barge-in and reports the truncation point', async () => {
    const receiver = await peer();
    const sink = createRtpSink(
      {
        target: { host: '127.0.0.1', port: receiver.port },
        codec: 'PCMU',
        fallback: { payloadType: 0, codec: 'PCMU', clockRate: 8000 },
        payloadType: 96,
        clockRate: 8000,
        ptimeMs: 20,
        format: G711_ULAW,
      },
      makeCtx(),
    );
    const input = new Subject<AudioFrame>();
    let playedMs = 0;
    const play = sink.play(input).subscribe(({ playedMs: ms }) => (playedMs = ms));
    for (const frame of frames(G711_ULAW, 100)) input.next(frame);
    await sleep(300);
    play.unsubscribe();
    const cutAtMs = playedMs;
    await sleep(200);
    await sink.close();
    const sentMs = receiver.received.reduce((n, r) => n + r.packet.payload.length / 8, 0);
    expect(cutAtMs).toBeGreaterThan(0);
    expect(cutAtMs).toBeLessThan(2000);
    expect(sentMs).toBe(cutAtMs);
  });
});
