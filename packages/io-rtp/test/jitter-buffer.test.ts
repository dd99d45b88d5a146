import { describe, expect, it } from 'vitest';

import { createJitterBuffer } from '../src/jitter-buffer.js';
import type { JitterBuffer, PlayoutItem } from '../src/jitter-buffer.js';
import type { RtpPacket } from '../src/rtp-packet.js';

const SAMPLES = 160; // 20 ms at 8 kHz

function packet(sequence: number, timestamp: number, ssrc = 1): RtpPacket {
  return {
    marker: false,
    payloadType: 0,
    sequence: sequence & 0xffff,
    timestamp: timestamp >>> 0,
    ssrc,
    csrcs: [],
    payload: new Uint8Array(SAMPLES).fill(sequence & 0xff),
  };
}

function buffer(depthMs = 60): JitterBuffer {
  return createJitterBuffer({ clockRate: 8000, depthMs, samplesOf: (p) => p.payload.length });
}

/** `s<seq>` for a played packet, `lost<samples>` for a concealed one. */
function names(items: readonly PlayoutItem[]): string[] {
  return items.map((item) =>
    item.kind === 'packet' ? `s${item.packet.sequence}` : `lost${item.samples}`,
  );
}

describe('jitter buffer', () => {
  it('holds each packet for the depth after the first arrival, then plays in order', () => {
    const jb = buffer(60);
    jb.push(packet(10, 1000), 0);
    expect(jb.nextDueMs()).toBe(60);
    expect(jb.pull(59)).toEqual([]);
    jb.push(packet(11, 1160), 20);
    expect(names(jb.pull(60))).toEqual(['s10']);
    expect(jb.nextDueMs()).toBe(80);
    expect(names(jb.pull(80))).toEqual(['s11']);
    expect(jb.size).toBe(0);
  });

  it('undoes reordering within the depth', () => {
    const jb = buffer(60);
    jb.push(packet(1, 0), 0);
    jb.push(packet(3, 320), 40);
    jb.push(packet(2, 160), 45);
    expect(names(jb.pull(100))).toEqual(['s1', 's2', 's3']);
    expect(jb.stats()).toMatchObject({ accepted: 3, reordered: 1, lost: 0 });
  });

  it('conceals a lost packet with its duration once the next one is due', () => {
    const jb = buffer(40);
    jb.push(packet(1, 0), 0);
    jb.push(packet(3, 320), 40);
    expect(names(jb.pull(60))).toEqual(['s1']); // 2 may still come
    expect(names(jb.pull(80))).toEqual(['lost160', 's3']);
    expect(jb.stats()).toMatchObject({ lost: 1 });
  });

  it('conceals several losses with the timestamp gap split between them', () => {
    const jb = buffer(0);
    jb.push(packet(1, 0), 0);
    expect(names(jb.pull(0))).toEqual(['s1']);
    jb.push(packet(5, 4 * 160), 80);
    expect(names(jb.pull(80))).toEqual(['lost160', 'lost160', 'lost160', 's5']);
  });

  it('drops duplicates and counts a packet after its concealment as late', () => {
    const jb = buffer(20);
    jb.push(packet(1, 0), 0);
    expect(jb.push(packet(1, 0), 1)).toBe('duplicate');
    jb.push(packet(3, 320), 40);
    expect(names(jb.pull(60))).toEqual(['s1', 'lost160', 's3']);
    expect(jb.push(packet(2, 160), 61)).toBe('late');
    expect(jb.push(packet(3, 320), 62)).toBe('duplicate');
    expect(jb.stats()).toMatchObject({ duplicates: 2, late: 1, accepted: 2 });
  });

  it('plays across the sequence and timestamp wrap-around without loss', () => {
    const jb = buffer(20);
    const played: string[] = [];
    const firstTs = 2 ** 32 - 2 * SAMPLES;
    for (let i = 0; i < 6; i += 1) {
      jb.push(packet(65533 + i, firstTs + i * SAMPLES), i * 20);
      played.push(...names(jb.pull(i * 20 + 20)));
    }
    played.push(...names(jb.drain()));
    expect(played).toEqual(['s65533', 's65534', 's65535', 's0', 's1', 's2']);
    expect(jb.stats()).toMatchObject({ lost: 0, restarts: 0 });
  });

  it('flushes the old stream and starts over on an SSRC change', () => {
    const jb = buffer(60);
    jb.push(packet(100, 0, 1), 0);
    jb.push(packet(101, 160, 1), 20);
    expect(jb.push(packet(7, 99_999, 2), 30)).toBe('restarted');
    expect(names(jb.pull(30))).toEqual(['s100', 's101']);
    expect(jb.nextDueMs()).toBe(90);
    jb.push(packet(8, 99_999 + 160, 2), 50);
    expect(names(jb.pull(110))).toEqual(['s7', 's8']);
    expect(jb.stats()).toMatchObject({ restarts: 1, lost: 0 });
  });

  it('treats a huge sequence jump as a restarted sender, not as thousands of losses', () => {
    const jb = buffer(0);
    jb.push(packet(1, 0), 0);
    jb.pull(0);
    expect(jb.push(packet(30_000, 5_000_000), 20)).toBe('restarted');
    expect(names(jb.pull(20))).toEqual(['s30000']);
    expect(jb.stats().lost).toBe(0);
  });

  it('re-anchors when the sender pauses without advancing its timestamps', () => {
    const jb = buffer(40);
    jb.push(packet(1, 0), 0);
    jb.pull(40);
    // 5 s later the next packet carries the next timestamp: play it after the depth, not at once.
    jb.push(packet(2, 160), 5000);
    expect(jb.nextDueMs()).toBe(5040);
  });

  it('plays at once what exceeds maxPackets', () => {
    const jb = createJitterBuffer({
      clockRate: 8000,
      depthMs: 1000,
      maxPackets: 2,
      samplesOf: (p) => p.payload.length,
    });
    for (let i = 0; i < 4; i += 1) jb.push(packet(i, i * SAMPLES), 0);
    expect(names(jb.pull(0))).toEqual(['s0', 's1']);
  });
});
