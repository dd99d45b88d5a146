import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { codecFor } from '../src/dialect-parse.js';
import { dialectOf } from '../src/dialect.js';
import { createV1ServerStream } from '../src/v1-server-stream.js';
import {
  clientEventToDated,
  clientEventToV1,
  serverEventToDated,
  serverEventToV1,
} from '../src/translate-events.js';
import type { TranslationLoss, WireEvent } from '../src/translation-loss.js';

interface FixtureSequence {
  readonly name: string;
  readonly events: readonly { readonly dir: 'client' | 'server'; readonly event: WireEvent }[];
}

function readFixture(name: string): FixtureSequence[] {
  return JSON.parse(
    readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'),
  ) as FixtureSequence[];
}

/** A deep copy of `value` without the field at `path` (`session.tools[1]`, `response.temperature`). */
function withoutPath(value: unknown, path: string): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const steps = path.split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '');
  let node: unknown = copy;
  for (const step of steps.slice(0, -1)) node = (node as Record<string, unknown>)[step];
  const last = steps.at(-1) as string;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete (node as Record<string, unknown>)[last];
  return copy;
}

function expectKnown(dialect: 'dated' | 'v1', dir: 'client' | 'server', event: WireEvent): void {
  const codec = codecFor(dialect);
  const text = JSON.stringify(event);
  const parsed = dir === 'client' ? codec.parseClientEvent(text) : codec.parseServerEvent(text);
  if (parsed.kind === 'malformed') throw parsed.error;
  expect(parsed.kind, `${dialect} ${event.type}`).toBe('known');
}

/** The dated overrides' older `max_response_output_tokens` comes back as its newer spelling. */
function normalizeSpelling(event: WireEvent): WireEvent {
  const response = event['response'] as Record<string, unknown> | undefined;
  if (event.type !== 'response.create' || response?.['max_response_output_tokens'] === undefined) {
    return event;
  }
  const { max_response_output_tokens: tokens, ...rest } = response;
  return { ...event, response: { max_output_tokens: tokens, ...rest } };
}

const datedFixtures = [
  ...readFixture('voicelive-sequences.json'),
  ...readFixture('voicelive-more-events.json'),
];
const v1Fixtures = readFixture('v1-sequences.json');

describe('dialectOf', () => {
  it('picks v1 for the v1 label only, the dated shape for every other api-version', () => {
    expect(dialectOf('v1')).toBe('v1');
    for (const version of ['2025-10-01', '2026-07-15', '2026-01-01-preview', '2099-01-01']) {
      expect(dialectOf(version)).toBe('dated');
    }
  });
});

describe('v1 events round-trip through the dated dialect', () => {
  for (const sequence of v1Fixtures) {
    it(sequence.name, () => {
      for (const { dir, event } of sequence.events) {
        expectKnown('v1', dir, event);
        const toDated = dir === 'client' ? clientEventToDated : serverEventToDated;
        const toV1 = dir === 'client' ? clientEventToV1 : serverEventToV1;
        const dated = toDated(event);
        expect(dated.losses, event.type).toEqual([]);
        expect(dated.events).toHaveLength(1);
        const datedEvent = dated.events[0] as WireEvent;
        expectKnown('dated', dir, datedEvent);
        const back = toV1(datedEvent);
        expect(back.losses, event.type).toEqual([]);
        expect(back.events[0], event.type).toEqual(event);
      }
    });
  }
});

describe('dated events round-trip through v1, losing only what is reported', () => {
  for (const sequence of datedFixtures) {
    it(sequence.name, () => {
      for (const { dir, event } of sequence.events) {
        const toV1 = dir === 'client' ? clientEventToV1 : serverEventToV1;
        const toDated = dir === 'client' ? clientEventToDated : serverEventToDated;
        const v1 = toV1(event);
        const first = v1.events[0] as WireEvent;
        const passed = v1.losses.some((loss) => loss.effect === 'passed');
        if (!passed) expectKnown('v1', dir, first);
        const back = toDated(first);
        // What v1 could not carry is named by path; everything else comes back exactly.
        let expected: unknown = normalizeSpelling(event);
        for (const loss of v1.losses) {
          if (loss.effect === 'dropped') expected = withoutPath(expected, loss.path);
        }
        expect(back.events[0], `${event.type}: ${JSON.stringify(v1.losses)}`).toEqual(expected);
      }
    });
  }

  it('turns conversation.item.created into conversation.item.added and conversation.item.done', () => {
    const created = datedFixtures
      .flatMap((s) => s.events)
      .find(({ event }) => event.type === 'conversation.item.created');
    const { events } = serverEventToV1(created?.event as WireEvent);
    expect(events.map((e) => e.type)).toEqual([
      'conversation.item.added',
      'conversation.item.done',
    ]);
    expect(events[0]?.['item']).toEqual(events[1]?.['item']);
    expect(events[0]?.['event_id']).not.toBe(events[1]?.['event_id']);
  });
});

describe('what does not translate is reported precisely', () => {
  const losses = (result: { losses: readonly TranslationLoss[] }): string[] =>
    result.losses.map((loss) => loss.path);

  it('dated-only session fields, tools and voice options', () => {
    const result = clientEventToV1({
      type: 'session.update',
      session: {
        temperature: 0.7,
        reasoning_effort: 'low',
        modalities: ['text', 'audio', 'avatar'],
        tools: [
          { type: 'end_conversation' },
          { type: 'function', name: 'f', parameters: { type: 'object' } },
        ],
        voice: { type: 'azure-standard', name: 'en-US-AvaNeural', rate: '+10%' },
        input_audio_format: 'g711_ulaw',
        input_audio_sampling_rate: 16000,
      },
    });
    expect(losses(result)).toEqual([
      'session.temperature',
      'session.reasoning_effort',
      'session.modalities[2]',
      'session.tools[0]',
      'session.voice.rate',
      'session.input_audio_sampling_rate',
    ]);
    const session = result.events[0]?.['session'] as Record<string, unknown>;
    expect(session['tools']).toEqual([
      { type: 'function', name: 'f', parameters: { type: 'object' } },
    ]);
    expect(session['audio']).toEqual({
      output: { voice_type: 'azure-standard', voice: 'en-US-AvaNeural' },
      input: { format: { type: 'audio/pcmu' } },
    });
  });

  it('v1-only session fields and tool choices', () => {
    const result = clientEventToDated({
      type: 'session.update',
      session: {
        type: 'realtime',
        tracing: 'auto',
        response_delimiter: '|',
        tool_choice: { type: 'mcp', server_label: 'docs' },
        audio: {
          input: { channels: 2, multichannel_audio_context_template: 'speaker {n}' },
          output: { voice: 'alloy', speed: 1.5 },
        },
      },
    });
    expect(losses(result)).toEqual([
      'session.tracing',
      'session.response_delimiter',
      'session.tool_choice',
      'session.audio.input.channels',
      'session.audio.input.multichannel_audio_context_template',
      'session.audio.output.speed',
    ]);
    expect(result.events[0]?.['session']).toEqual({ voice: 'alloy' });
  });

  it('events of one dialect only go on unchanged, reported', () => {
    const turn: WireEvent = { type: 'input_audio.turn.start', turn_id: 't1' };
    expect(clientEventToV1(turn)).toEqual({
      events: [turn],
      losses: [
        {
          path: 'type',
          value: turn.type,
          reason: "the v1 dialect has no 'input_audio.turn.start' event; passed unchanged",
          effect: 'passed',
        },
      ],
    });
    const done: WireEvent = { type: 'conversation.item.done', event_id: 'e', item: {} };
    expect(serverEventToDated(done).losses.map((l) => l.path)).toEqual(['type']);
    const future: WireEvent = { type: 'response.hologram.delta', event_id: 'e' };
    expect(serverEventToV1(future).events).toEqual([future]);
    expect(serverEventToV1(future).losses[0]?.reason).toMatch(/not a known event of either/);
  });

  it('dated response overrides v1 has no place for', () => {
    const result = clientEventToV1({
      type: 'response.create',
      additional_instructions: 'be brief',
      response: { temperature: 0.6, commit: false, modalities: ['text'] },
    });
    expect(losses(result)).toEqual(['response.temperature', 'response.commit']);
    expect(result.events[0]).toEqual({
      type: 'response.create',
      response: { output_modalities: ['text'], additional_instructions: 'be brief' },
    });
  });
});

describe('codecFor', () => {
  it('parses each dialect with its own schemas; unknown events still pass through', () => {
    const delta = JSON.stringify({
      type: 'response.output_audio.delta',
      event_id: 'e1',
      response_id: 'r',
      item_id: 'i',
      output_index: 0,
      content_index: 0,
      delta: 'AAAA',
    });
    expect(codecFor('v1').parseServerEvent(delta).kind).toBe('known');
    expect(codecFor('dated').parseServerEvent(delta).kind).toBe('unknown');
    const bad = codecFor('v1').parseClientEvent(
      '{"type":"session.update","session":{"output_modalities":["audio"]}}',
    );
    expect(bad.kind === 'malformed' && bad.error.param).toBe('session.type');
    const identity = { type: 'response.cancel' };
    expect(codecFor('dated').clientEventToDated(identity).events[0]).toBe(identity);
    // Events of the same shape in both dialects are not copied.
    const append = { type: 'input_audio_buffer.append', audio: 'AAAA' };
    expect(codecFor('v1').clientEventToDated(append).events[0]).toBe(append);
  });
});

describe('createV1ServerStream', () => {
  it('sends conversation.item.done for a response item when it is finished, with its final content', () => {
    const toV1 = createV1ServerStream();
    const unfinished = {
      id: 'item_2',
      type: 'message',
      role: 'assistant',
      status: 'in_progress',
      content: [],
    };
    const finished = {
      ...unfinished,
      status: 'completed',
      content: [{ type: 'audio', transcript: 'Hello' }],
    };
    const types = (events: readonly WireEvent[]): string[] => events.map((e) => e.type);
    expect(
      types(
        toV1({
          type: 'conversation.item.created',
          event_id: 'e1',
          previous_item_id: 'item_1',
          item: unfinished,
        }).events,
      ),
    ).toEqual(['conversation.item.added']);
    const done = toV1({
      type: 'response.output_item.done',
      event_id: 'e2',
      response_id: 'r',
      output_index: 0,
      item: finished,
    });
    expect(types(done.events)).toEqual(['response.output_item.done', 'conversation.item.done']);
    expect(done.events[1]).toMatchObject({
      previous_item_id: 'item_1',
      item: { status: 'completed', content: [{ type: 'output_audio', transcript: 'Hello' }] },
    });
    expect(done.events[1]?.['event_id']).not.toBe(done.events[0]?.['event_id']);
    // Only once, and not for items that were never announced unfinished.
    expect(
      types(
        toV1({
          type: 'response.output_item.done',
          event_id: 'e3',
          response_id: 'r',
          output_index: 0,
          item: finished,
        }).events,
      ),
    ).toEqual(['response.output_item.done']);
    const user = { id: 'item_3', type: 'message', role: 'user', status: 'completed', content: [] };
    expect(
      types(toV1({ type: 'conversation.item.created', event_id: 'e4', item: user }).events),
    ).toEqual(['conversation.item.added', 'conversation.item.done']);
  });
});
