import { randomBytes } from 'node:crypto';

/** A source of uniform numbers in [0, 1). Seeded instances replay the same sequence. */
export interface Rng {
  next(): number;
  /** Integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** `length` lowercase hex characters, for ids. */
  hex(length: number): string;
  /** A new independent generator derived from this one (per session, per response). */
  fork(): Rng;
}

/**
 * A mulberry32 generator. With a seed it is deterministic (ids, jitter and responder choices
 * repeat run to run); without one it starts from crypto randomness.
 */
export function createRng(seed?: number): Rng {
  let state = (seed ?? randomBytes(4).readUInt32LE(0)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    hex: (length) => {
      let out = '';
      while (out.length < length)
        out += Math.floor(next() * 0x100000000)
          .toString(16)
          .padStart(8, '0');
      return out.slice(0, length);
    },
    fork: () => createRng(Math.floor(next() * 0x100000000)),
  };
  return rng;
}
