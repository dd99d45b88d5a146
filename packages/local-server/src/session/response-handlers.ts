import type { WireItem } from './conversation.js';
import { toServerItem } from './client-item.js';
import { resolveResponseConfig } from './response-config.js';
import type { ResponseConfig } from './response-config.js';
import type { TurnFacts } from './response-run.js';
import { startResponse } from './response-run.js';
import type { ResponseTrigger, SessionRuntime } from './session-runtime.js';
import { decodeAudio } from './wire-audio.js';
import { itemText } from '../responders/turn-facts.js';

type ClientEvent = Record<string, unknown> & { readonly type: string; readonly event_id?: string };

function eventIdOf(trigger: { eventId?: string }): { eventId?: string } {
  return trigger.eventId === undefined ? {} : { eventId: trigger.eventId };
}

export function onResponseCreate(rt: SessionRuntime, event: ClientEvent): void {
  const response = event['response'] ?? {};
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    const eventId = typeof event.event_id === 'string' ? { eventId: event.event_id } : {};
    rt.sendError({
      code: 'invalid_value',
      message: 'response must be an object',
      param: 'response',
      ...eventId,
    });
    return;
  }
  const additional = event['additional_instructions'];
  rt.createResponse(response as Record<string, unknown>, {
    source: 'client',
    ...(typeof event.event_id === 'string' ? { eventId: event.event_id } : {}),
    ...(typeof additional === 'string' ? { additionalInstructions: additional } : {}),
  });
}

export function onResponseCancel(rt: SessionRuntime, event: ClientEvent): void {
  const active = rt.active;
  const wanted = event['response_id'];
  const eventId = typeof event.event_id === 'string' ? { eventId: event.event_id } : {};
  if (active === undefined || active.isDone) {
    rt.sendError({
      code: 'response_cancel_not_active',
      message: 'there is no response in progress to cancel',
      ...eventId,
    });
    return;
  }
  if (typeof wanted === 'string' && wanted !== active.id) {
    rt.sendError({
      code: 'response_cancel_not_active',
      message: `response '${wanted}' is not in progress`,
      param: 'response_id',
      ...eventId,
    });
    return;
  }
  active.cancel('client_cancelled');
}

/** Converts override items; the first invalid one is reported. */
function convertItems(
  rt: SessionRuntime,
  raw: readonly unknown[],
  param: string,
): WireItem[] | { code: string; message: string; param: string } {
  const items: WireItem[] = [];
  for (const [index, entry] of raw.entries()) {
    const result = toServerItem(entry, {
      param: `${param}[${index}]`,
      newItemId: () => rt.newId('item'),
      inputFormat: rt.inputFormat(),
    });
    if (!result.ok) return result;
    items.push(result.stored.item);
  }
  return items;
}

/** What the responder will see: the context items, and the latest user turn's audio and transcript. */
async function gatherFacts(rt: SessionRuntime, items: readonly WireItem[]): Promise<TurnFacts> {
  const lastUser = [...items].reverse().find((i) => i.type === 'message' && i['role'] === 'user');
  if (lastUser === undefined) return { items };
  const stored = rt.conversation.get(lastUser.id);
  const transcript = (await rt.transcripts.get(lastUser.id)) ?? itemText(stored?.item ?? lastUser);
  const facts: {
    items: readonly WireItem[];
    userAudio?: NonNullable<TurnFacts['userAudio']>;
    userTranscript?: string;
  } = {
    items: items.map((i) => rt.conversation.get(i.id)?.item ?? i),
  };
  if (stored?.audio !== undefined) {
    facts.userAudio = {
      samples: decodeAudio(stored.audio.bytes, stored.audio.format),
      sampleRate: stored.audio.format.sampleRate,
    };
  }
  if (transcript !== undefined) facts.userTranscript = transcript;
  return facts;
}

function validatePreGenerated(config: ResponseConfig): string | undefined {
  const message = config.preGenerated;
  if (message === undefined) return undefined;
  if (
    message['type'] !== 'message' ||
    message['role'] !== 'assistant' ||
    itemText(message as WireItem) === undefined
  ) {
    return 'pre_generated_assistant_message must be an assistant message with text content';
  }
  return undefined;
}

/** Starts (or, for a VAD turn during another response, queues) a response. */
export function createResponse(
  rt: SessionRuntime,
  overrides: Record<string, unknown>,
  trigger: ResponseTrigger,
): void {
  const config = resolveResponseConfig(rt.session, overrides, trigger.additionalInstructions);
  const preProblem = validatePreGenerated(config);
  if (preProblem !== undefined) {
    rt.sendError({
      code: 'invalid_value',
      message: preProblem,
      param: 'response.pre_generated_assistant_message',
      ...eventIdOf(trigger),
    });
    return;
  }
  const appended = convertItems(rt, config.appendInputItems, 'response.append_input_items');
  const replaced =
    config.inputItems === undefined
      ? undefined
      : convertItems(rt, config.inputItems, 'response.input_items');
  for (const result of [appended, replaced]) {
    if (result !== undefined && !Array.isArray(result)) {
      rt.sendError({ ...result, ...eventIdOf(trigger) });
      return;
    }
  }
  const active = rt.active;
  if (active !== undefined && !active.isDone) {
    if (trigger.source === 'vad') {
      rt.queuedAutoResponse = true;
      return;
    }
    if (!config.cancelPrevious) {
      rt.sendError({
        code: 'conversation_already_has_active_response',
        message: `response '${active.id}' is still in progress; cancel it or set cancel_previous: true`,
        ...eventIdOf(trigger),
      });
      return;
    }
    active.cancel('client_cancelled');
  }
  const appendItems = appended as WireItem[];
  if (config.commit) {
    for (const item of appendItems) {
      const placed = rt.conversation.insert({ item });
      rt.send({
        type: 'conversation.item.created',
        previous_item_id: placed?.previousItemId ?? null,
        item,
      });
    }
  }
  const context: WireItem[] = (replaced as WireItem[] | undefined) ?? [
    ...rt.conversation.list().map((s) => s.item),
    ...(config.commit ? [] : appendItems),
  ];
  const ordinal = rt.nextResponseOrdinal();
  const errorEvery = rt.options.faults.errorEvery ?? 0;
  const handle = startResponse(rt, {
    config,
    facts: () => gatherFacts(rt, context),
    injectFailure: errorEvery > 0 && ordinal % errorEvery === 0,
    onDone: () => {
      if (rt.active === handle) rt.active = undefined;
      if (rt.queuedAutoResponse && !rt.closed) {
        rt.queuedAutoResponse = false;
        createResponse(rt, {}, { source: 'vad' });
      }
    },
  });
  rt.active = handle;
}
