// End to end with real peers: a voxd session (rtp source and sink, paired as the daemon pairs them)
// on the embedded local Voice Live server, called by GStreamer and by a Node UDP peer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { G711_ULAW, createWavHeader, parseWavHeader } from '@voxd/audio';
import { afterAll, describe, expect, it } from 'vitest';

import {
  bestCorrelation,
  decodePcm16,
  decodeUlaw,
  envelope,
  freeUdpPort,
  gstRecordPcmu,
  gstSendPcmu,
  localServer,
  serverAudioByItem,
  startCall,
} from './call-harness.js';
import type { TimedEvent } from './call-harness.js';
import { rtpPackets, sleep, udpPeer } from './helpers.js';

const FIXTURE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures/audio/phone-8k-ulaw.wav',
);
const dir = mkdtempSync(join(tmpdir(), 'voxd-io-rtp-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await (await localServer()).close();
});

/** The fixture's two questions (µ-law), each followed by silence so the server VAD ends the turn. */
function questions(): { first: Uint8Array; second: Uint8Array } {
  const wav = readFileSync(FIXTURE);
  const info = parseWavHeader(wav);
  const ulaw = wav.subarray(info.dataOffset, info.dataOffset + info.dataLength);
  const silenceMs = (ms: number): Uint8Array => new Uint8Array(ms * 8).fill(0xff);
  return {
    first: Buffer.concat([ulaw.subarray(0, 2380 * 8), silenceMs(8000)]),
    second: Buffer.concat([ulaw.subarray(3500 * 8, 5250 * 8), silenceMs(1000)]),
  };
}
const QUESTIONS = questions();
const asWav = (name: string, ulaw: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([createWavHeader(G711_ULAW, ulaw.length), ulaw]));
  return path;
};
const FIRST_WAV = asWav('first.wav', QUESTIONS.first);
const SECOND_WAV = asWav('second.wav', QUESTIONS.second);

/** Resolves once `probe` holds (polled every 10 ms), or rejects after `timeoutMs`. */
async function until(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** How long the caller lets the reply play before asking the second question over it. */
const LISTEN_MS = 500;

/** What each played item put on the wire: the server's audio cut at the sink's played position. */
function playedReference(events: readonly TimedEvent[]): Uint8Array {
  const audio = serverAudioByItem(events);
  const parts: Uint8Array[] = [];
  for (const { event } of events) {
    if (event.type !== 'playback.finished' && event.type !== 'playback.interrupted') continue;
    const bytes = Buffer.concat(audio.get(event.itemId) ?? []);
    parts.push(bytes.subarray(0, Math.round(event.playedMs * 8)));
  }
  return Buffer.concat(parts);
}

const types = (events: readonly TimedEvent[]): string[] => events.map((e) => e.event.type);

describe('an RTP call into a voxd session', () => {
  it('GStreamer calls with PCMU; the reply, cut by a barge-in, is recorded by GStreamer', async () => {
    const recordPort = await freeUdpPort();
    const recording = join(dir, 'gst-reply.wav');
    const call = await startCall({ target: `127.0.0.1:${recordPort}` });
    const recorder = gstRecordPcmu(recordPort, recording);
    await sleep(500); // the recorder's pipeline is up
    // The caller asks, listens to the start of the reply, and asks again over it (barge-in):
    // two GStreamer runs from one source port, as one phone would.
    const callerPort = await freeUdpPort();
    const first = gstSendPcmu(FIRST_WAV, call.port, callerPort);
    await until(() => types(call.events).includes('playback.started'), 'the first reply');
    await sleep(LISTEN_MS);
    first.child.kill('SIGINT');
    await first.exited;
    const second = gstSendPcmu(SECOND_WAV, call.port, callerPort);
    expect(await second.exited, second.stderr()).toBe(0);
    await call.done; // the source ended (inactivity) and the last reply finished playing
    await sleep(300);
    recorder.child.kill('SIGINT');
    expect(await recorder.exited, recorder.stderr()).toBe(0);

    // G.711 pass-through: the session itself ran in µ-law both ways.
    expect(call.source.format.encoding).toBe('g711_ulaw');
    expect(call.sink.format.encoding).toBe('g711_ulaw');
    expect(types(call.events)).toContain('playback.interrupted');
    expect(types(call.events)).toContain('playback.finished');

    const wav = readFileSync(recording);
    const info = parseWavHeader(wav);
    const heard = decodePcm16(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength));
    const reference = playedReference(call.events);
    const referenceMs = reference.length / 8;
    expect(referenceMs).toBeGreaterThan(500);
    // No gaps: everything voxd played arrived (within a packet or two of jitter-buffer edges).
    expect(Math.abs(heard.length / 8 - referenceMs)).toBeLessThanOrEqual(60);
    const r = bestCorrelation(envelope(decodeUlaw(reference)), envelope(heard));
    console.log(
      `gst recorded ${(heard.length / 8).toFixed(0)} ms of ${referenceMs.toFixed(0)} ms played; envelope correlation ${r.toFixed(3)}`,
    );
    expect(r).toBeGreaterThan(0.9);
    expect(call.source.stats()).toMatchObject({ lost: 0, duplicates: 0 });
    await call.close();
  });

  it('a Node peer hears symmetric RTP that stops within 40 ms + one packet of the speech start', async () => {
    const call = await startCall();
    const peer = await udpPeer();
    // One continuous stream: the first question and silence until the reply has played for
    // LISTEN_MS, then the second question over it.
    const packetsOf = (ulaw: Uint8Array, from: number): Uint8Array[] => {
      const payloads: Uint8Array[] = [];
      for (let i = 0; i + 160 <= ulaw.length; i += 160) payloads.push(ulaw.subarray(i, i + 160));
      return rtpPackets(payloads, { firstSequence: from, firstTimestamp: from * 160 });
    };
    const firstPackets = packetsOf(QUESTIONS.first, 0);
    const secondPackets = packetsOf(QUESTIONS.second, firstPackets.length);
    let heardAtMs: number | undefined;
    const start = performance.now();
    let sent = 0;
    let switchedAt: number | undefined;
    for (;;) {
      if (heardAtMs === undefined && peer.received.length > 0) heardAtMs = performance.now();
      if (
        switchedAt === undefined &&
        heardAtMs !== undefined &&
        performance.now() - heardAtMs >= LISTEN_MS
      )
        switchedAt = sent;
      const next = switchedAt === undefined ? firstPackets[sent] : secondPackets[sent - switchedAt];
      if (next === undefined) break;
      // Sequence numbers and timestamps continue from the packet index, whichever question it is.
      const datagram = Uint8Array.from(next);
      new DataView(datagram.buffer).setUint16(2, sent & 0xffff);
      new DataView(datagram.buffer).setUint32(4, (sent * 160) >>> 0);
      datagram[1] = (datagram[1] ?? 0) & 0x7f;
      await peer.send(datagram, call.port);
      sent += 1;
      const wait = start + sent * 20 - performance.now();
      if (wait > 0) await sleep(wait);
    }
    expect(switchedAt, 'the caller heard a reply').toBeDefined();
    await call.done;
    peer.close();

    // The barge-in cut a reply that was audible (some of it had been sent).
    const interrupted = call.events.find(
      (e) => e.event.type === 'playback.interrupted' && e.event.playedMs > 0,
    );
    expect(interrupted, types(call.events).join(' ')).toBeDefined();
    const speech = call.events.filter(
      (e) =>
        e.event.type === 'server.event' &&
        e.event.event.type === 'input_audio_buffer.speech_started' &&
        e.atMs <= (interrupted?.atMs ?? 0),
    );
    const speechAtMs = speech.at(-1)?.atMs ?? Number.NaN;

    // Talkspurts (one per played item) start with the marker bit; the cut one began before the speech.
    const spurts: (typeof peer.received)[] = [];
    for (const r of peer.received) {
      if (r.packet.marker || spurts.length === 0) spurts.push([]);
      spurts.at(-1)?.push(r);
    }
    const cut = spurts.filter((s) => (s[0]?.atMs ?? Infinity) < speechAtMs).at(-1);
    expect(cut, 'the reply playing when the caller spoke again').toBeDefined();
    const stopAfterMs = (cut?.at(-1)?.atMs ?? Infinity) - speechAtMs;
    console.log(
      `barge-in: last packet ${stopAfterMs.toFixed(1)} ms after the speech start the server reported`,
    );
    expect(stopAfterMs).toBeLessThanOrEqual(40 + 20);

    // Packet timing: contiguous sequence numbers, 160-sample steps inside a talkspurt, and no
    // talkspurt faster than real time (a burst would be).
    peer.received.forEach((r, i) => {
      const prev = peer.received[i - 1];
      if (prev === undefined) return;
      expect(r.packet.sequence).toBe((prev.packet.sequence + 1) & 0xffff);
      if (!r.packet.marker) expect((r.packet.timestamp - prev.packet.timestamp) >>> 0).toBe(160);
    });
    for (const spurt of spurts) {
      if (spurt.length < 10) continue;
      const spanMs = (spurt.at(-1)?.atMs ?? 0) - (spurt[0]?.atMs ?? 0);
      expect(spanMs).toBeGreaterThanOrEqual((spurt.length - 1) * 20 * 0.9);
    }
    await call.close();
  });
});
