/**
 * Extends a 16-bit RTP sequence number to an unbounded counter, relative to the highest extended
 * number seen: the nearest value with the same low 16 bits (RFC 3550 appendix A.1), so 65535 → 0
 * continues upwards and a reordered packet from before a wrap stays below.
 */
export function extendSequence(highestExtended: number, sequence: number): number {
  let delta = (sequence - (highestExtended & 0xffff)) & 0xffff;
  if (delta >= 0x8000) delta -= 0x10000;
  return highestExtended + delta;
}

/** Signed difference `a − b` of two 32-bit RTP timestamps, correct across the wrap at 2³². */
export function timestampDelta(a: number, b: number): number {
  return (a - b) | 0;
}
