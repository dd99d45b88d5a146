import type { RtpPacket } from './rtp-packet.js';
import { extendSequence, timestampDelta } from './sequence.js';

/** Options of {@link createJitterBuffer}. */
export interface JitterBufferOptions {
  /** RTP clock rate of the stream (samples per second). */
  readonly clockRate: number;
  /** How long each packet is held for late and reordered ones before it plays. */
  readonly depthMs: number;
  /** Duration of a packet in samples (from its payload length and codec). */
  readonly samplesOf: (packet: RtpPacket) => number;
  /** Packets held at most; beyond this the oldest play at once. @default 500 */
  readonly maxPackets?: number;
}

/** What plays next: a packet, or the concealment of one that never came. */
export type PlayoutItem =
  | { readonly kind: 'packet'; readonly packet: RtpPacket }
  | { readonly kind: 'lost'; readonly samples: number };

/**
 * - `accepted`: buffered;
 * - `duplicate`: already buffered or already played;
 * - `late`: arrived after its place was concealed as lost;
 * - `restarted`: a new SSRC or a sequence jump: the old stream was flushed, a new one begins.
 */
export type PushOutcome = 'accepted' | 'duplicate' | 'late' | 'restarted';

export interface JitterStats {
  readonly accepted: number;
  readonly duplicates: number;
  readonly late: number;
  /** Packets concealed (each played as the silence of its duration). */
  readonly lost: number;
  /** Packets that arrived before one with a lower sequence number. */
  readonly reordered: number;
  readonly restarts: number;
}

/**
 * A receive jitter buffer for one RTP stream. Pure: time is passed in (`nowMs`), nothing is
 * scheduled; the caller pulls when {@link JitterBuffer.nextDueMs} says something is due.
 */
export interface JitterBuffer {
  push(packet: RtpPacket, nowMs: number): PushOutcome;
  /** Every item due at `nowMs`, in sequence order, losses concealed. */
  pull(nowMs: number): PlayoutItem[];
  /** Everything still held, in order with gaps concealed (end of stream). */
  drain(): PlayoutItem[];
  /** When the next item is due (epoch of `nowMs`), or `undefined` when nothing is held. */
  nextDueMs(): number | undefined;
  readonly size: number;
  stats(): JitterStats;
}

/** A jump larger than this (about 60 s of 20 ms packets) is a restarted sender, not loss. */
const MAX_SEQUENCE_JUMP = 3000;
/** Playout more than this far off the anchor re-anchors (sender clock drift, a pause without timestamps). */
const REANCHOR_MS = 1000;
const CONCEALED_MEMORY = 256;

/**
 * Creates a {@link JitterBuffer}. Each packet plays at `depthMs` after the arrival of the stream's
 * first packet plus its timestamp offset from that packet, so the playout follows the sender's
 * clock and reordering within `depthMs` is undone. A missing packet is declared lost only when the
 * packet after it is due, and then plays as silence of the gap's duration.
 */
export function createJitterBuffer(options: JitterBufferOptions): JitterBuffer {
  const maxPackets = options.maxPackets ?? 500;
  const msPerSample = 1000 / options.clockRate;
  const held = new Map<number, RtpPacket>();
  const ready: PlayoutItem[] = [];
  const concealed = new Set<number>();
  let ssrc: number | undefined;
  let highest = 0;
  let next = 0;
  let anchorMs = 0;
  let anchorTs = 0;
  let lastTs: number | undefined;
  let lastSamples = Math.round(options.clockRate / 50);
  const counts = { accepted: 0, duplicates: 0, late: 0, lost: 0, reordered: 0, restarts: 0 };

  const playoutAt = (timestamp: number): number =>
    anchorMs + options.depthMs + timestampDelta(timestamp, anchorTs) * msPerSample;

  const start = (packet: RtpPacket, nowMs: number): void => {
    ssrc = packet.ssrc;
    // Offset by one cycle so a reordered packet from before the first one stays positive.
    highest = packet.sequence + 0x10000;
    next = highest;
    anchorMs = nowMs;
    anchorTs = packet.timestamp;
    lastTs = undefined;
    concealed.clear();
  };

  const lowestHeld = (): number | undefined => {
    let lowest: number | undefined;
    for (const ext of held.keys()) if (lowest === undefined || ext < lowest) lowest = ext;
    return lowest;
  };

  const play = (packet: RtpPacket, out: PlayoutItem[]): void => {
    out.push({ kind: 'packet', packet });
    lastTs = packet.timestamp;
    lastSamples = options.samplesOf(packet);
    held.delete(next);
    next += 1;
  };

  const conceal = (upTo: number, laterTs: number, out: PlayoutItem[]): void => {
    const missing = upTo - next;
    const gap =
      lastTs === undefined ? lastSamples * missing : timestampDelta(laterTs, lastTs) - lastSamples;
    const each = gap > 0 ? Math.round(gap / missing) : lastSamples;
    for (; next < upTo; next += 1) {
      out.push({ kind: 'lost', samples: each });
      counts.lost += 1;
      concealed.add(next);
      if (concealed.size > CONCEALED_MEMORY) {
        const oldest = concealed.values().next().value;
        if (oldest !== undefined) concealed.delete(oldest);
      }
    }
    if (lastTs !== undefined) lastTs = timestampDelta(laterTs, each) >>> 0;
    lastSamples = each;
  };

  const pull = (nowMs: number): PlayoutItem[] => {
    const out = ready.splice(0);
    for (;;) {
      const lowest = lowestHeld();
      if (lowest === undefined) break;
      const packet = held.get(lowest);
      if (packet === undefined) break;
      const forced = held.size > maxPackets;
      if (!forced && playoutAt(packet.timestamp) > nowMs) break;
      if (lowest > next) conceal(lowest, packet.timestamp, out);
      play(packet, out);
    }
    return out;
  };

  return {
    push(packet, nowMs) {
      if (ssrc === undefined) start(packet, nowMs);
      else if (packet.ssrc !== ssrc) {
        ready.push(...pull(Number.POSITIVE_INFINITY));
        counts.restarts += 1;
        start(packet, nowMs);
        held.set(next, packet);
        counts.accepted += 1;
        return 'restarted';
      }
      const ext = extendSequence(highest, packet.sequence);
      if (ext < next) {
        if (concealed.has(ext)) {
          counts.late += 1;
          return 'late';
        }
        counts.duplicates += 1;
        return 'duplicate';
      }
      if (held.has(ext)) {
        counts.duplicates += 1;
        return 'duplicate';
      }
      if (ext - next > MAX_SEQUENCE_JUMP) {
        ready.push(...pull(Number.POSITIVE_INFINITY));
        counts.restarts += 1;
        start(packet, nowMs);
        held.set(next, packet);
        counts.accepted += 1;
        return 'restarted';
      }
      if (ext < highest) counts.reordered += 1;
      else highest = ext;
      const due = playoutAt(packet.timestamp);
      if (due > nowMs + options.depthMs + REANCHOR_MS || due < nowMs - REANCHOR_MS) {
        anchorMs = nowMs;
        anchorTs = packet.timestamp;
      }
      held.set(ext, packet);
      counts.accepted += 1;
      return 'accepted';
    },
    pull,
    drain: () => pull(Number.POSITIVE_INFINITY),
    nextDueMs() {
      if (ready.length > 0) return Number.NEGATIVE_INFINITY;
      const lowest = lowestHeld();
      const packet = lowest === undefined ? undefined : held.get(lowest);
      return packet === undefined ? undefined : playoutAt(packet.timestamp);
    },
    get size() {
      return held.size + ready.length;
    },
    stats: () => ({ ...counts }),
  };
}
