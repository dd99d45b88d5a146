import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { CLIENT_EVENT_TYPES, SERVER_EVENT_TYPES } from '../src/event-types.js';
import { encodeEvent, parseClientEvent, parseServerEvent } from '../src/parse.js';

interface FixtureEvent {
  readonly dir: 'client' | 'server';
  readonly event: Record<string, unknown> & { type: string };
}
interface FixtureSequence {
  readonly name: string;
  readonly events: readonly FixtureEvent[];
}

function readFixture(name: string): FixtureSequence[] {
  return JSON.parse(
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'),
  ) as FixtureSequence[];
}

// The example sequences of reference §6.1–§6.6, written out in full.
const sequences = readFixture('voicelive-sequences.json');
// One example at least of every other event type: the (2026+) events and the rarer GA ones.
const more = readFixture('voicelive-more-events.json');

describe('reference §6 sequences round-trip', () => {
  it('covers every example sequence', () => {
    expect(sequences.map((s) => s.name.split(' ')[0])).toEqual([
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '6.5',
      '6.6',
    ]);
  });

  for (const sequence of [...sequences, ...more]) {
    it(sequence.name, () => {
      for (const { dir, event } of sequence.events) {
        const parse = dir === 'client' ? parseClientEvent : parseServerEvent;
        const first = parse(JSON.stringify(event));
        if (first.kind !== 'known') {
          throw new Error(`${event.type}: ${first.kind} ${JSON.stringify(first)}`);
        }
        // Loose schemas, no defaults, no transforms: what comes in is what goes out.
        expect(first.event).toEqual(event);
        const second = parse(encodeEvent(first.event));
        expect(second).toEqual({ kind: 'known', event });
      }
    });
  }

  it('parses binary (Uint8Array) frames of the same JSON', () => {
    for (const { dir, event } of sequences.flatMap((s) => s.events)) {
      const parse = dir === 'client' ? parseClientEvent : parseServerEvent;
      expect(parse(new TextEncoder().encode(JSON.stringify(event)))).toEqual({
        kind: 'known',
        event,
      });
    }
  });

  it('has an example of every known event type', () => {
    const seen = new Set([...sequences, ...more].flatMap((s) => s.events.map((e) => e.event.type)));
    expect(CLIENT_EVENT_TYPES.filter((t) => !seen.has(t))).toEqual([]);
    expect(SERVER_EVENT_TYPES.filter((t) => !seen.has(t))).toEqual([]);
  });

  it('does not accept a server event as a client event', () => {
    const created = sequences[0]?.events[0];
    expect(created?.dir).toBe('server');
    expect(parseClientEvent(JSON.stringify(created?.event))).toMatchObject({
      kind: 'unknown',
      type: 'session.created',
    });
  });
});
