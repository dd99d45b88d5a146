/** One RFC 4733 telephone-event payload. */
export interface TelephoneEvent {
  /** 0–9, `*`, `#`, `A`–`D`, or the event number for other events. */
  readonly key: string;
  readonly end: boolean;
  readonly volume: number;
  /** Duration so far, in timestamp units. */
  readonly duration: number;
}

const KEYS = '0123456789*#ABCD';

/** Parses a telephone-event payload (4 bytes; RFC 4733 §2.3); `undefined` when too short. */
export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  const event = payload[0] ?? 0;
  const flags = payload[1] ?? 0;
  return {
    key: KEYS[event] ?? String(event),
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: ((payload[2] ?? 0) << 8) | (payload[3] ?? 0),
  };
}
