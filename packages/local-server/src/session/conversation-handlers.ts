import { truncateText } from './audio-chunks.js';
import { toServerItem } from './client-item.js';
import type { SessionRuntime } from './session-runtime.js';
import { turnDetection } from './session-runtime.js';
import { bytesPerSample } from './wire-audio.js';

type ClientEvent = Record<string, unknown> & { readonly type: string; readonly event_id?: string };

/** The JS SDK drops any message over 1 MiB; retrieved audio that would not fit is left out. */
const MAX_FRAME_BYTES = 1024 * 1024 - 4096;

function eventIdOf(event: ClientEvent): { eventId?: string } {
  return typeof event.event_id === 'string' ? { eventId: event.event_id } : {};
}

function requireItemId(rt: SessionRuntime, event: ClientEvent): string | undefined {
  const itemId = event['item_id'];
  if (typeof itemId === 'string' && itemId !== '') return itemId;
  rt.sendError({
    code: 'missing_required_parameter',
    message: `${event.type} needs an item_id`,
    param: 'item_id',
    ...eventIdOf(event),
  });
  return undefined;
}

function notFound(
  rt: SessionRuntime,
  event: ClientEvent,
  target: { itemId: string; param?: string },
): void {
  rt.sendError({
    code: 'item_not_found',
    message: `no conversation item with id '${target.itemId}'`,
    param: target.param ?? 'item_id',
    ...eventIdOf(event),
  });
}

export function onItemCreate(rt: SessionRuntime, event: ClientEvent): void {
  const previous = event['previous_item_id'];
  if (previous !== undefined && previous !== null && typeof previous !== 'string') {
    rt.sendError({
      code: 'invalid_value',
      message: 'previous_item_id must be a string',
      param: 'previous_item_id',
      ...eventIdOf(event),
    });
    return;
  }
  if (event['item'] === undefined) {
    rt.sendError({
      code: 'missing_required_parameter',
      message: 'conversation.item.create needs an item',
      param: 'item',
      ...eventIdOf(event),
    });
    return;
  }
  const result = toServerItem(event['item'], {
    param: 'item',
    newItemId: () => rt.newId('item'),
    inputFormat: rt.inputFormat(),
  });
  if (!result.ok) {
    rt.sendError({
      code: result.code,
      message: result.message,
      param: result.param,
      ...eventIdOf(event),
    });
    return;
  }
  if (rt.conversation.get(result.stored.item.id) !== undefined) {
    rt.sendError({
      code: 'invalid_value',
      message: `an item with id '${result.stored.item.id}' already exists`,
      param: 'item.id',
      ...eventIdOf(event),
    });
    return;
  }
  const placed = rt.conversation.insert(result.stored, previous ?? undefined);
  if (placed === undefined) {
    notFound(rt, event, { itemId: previous ?? '', param: 'previous_item_id' });
    return;
  }
  rt.send({
    type: 'conversation.item.created',
    previous_item_id: placed.previousItemId,
    item: result.stored.item,
  });
}

export function onItemRetrieve(rt: SessionRuntime, event: ClientEvent): void {
  const itemId = requireItemId(rt, event);
  if (itemId === undefined) return;
  const stored = rt.conversation.get(itemId);
  if (stored === undefined) return notFound(rt, event, { itemId });
  let item = stored.item;
  const content = item['content'];
  if (stored.audio !== undefined && Array.isArray(content)) {
    const base64 = Buffer.from(stored.audio.bytes).toString('base64');
    if (base64.length < MAX_FRAME_BYTES - JSON.stringify(item).length) {
      const parts = (content as Record<string, unknown>[]).map((part) =>
        part['type'] === 'audio' || part['type'] === 'input_audio'
          ? { ...part, audio: base64 }
          : part,
      );
      item = { ...item, content: parts };
    } else {
      rt.options.logger.warn('retrieved item audio left out: over the 1 MiB frame limit', {
        itemId,
      });
    }
  }
  rt.send({ type: 'conversation.item.retrieved', item });
}

export function onItemDelete(rt: SessionRuntime, event: ClientEvent): void {
  const itemId = requireItemId(rt, event);
  if (itemId === undefined) return;
  if (!rt.conversation.remove(itemId)) return notFound(rt, event, { itemId });
  rt.transcripts.delete(itemId);
  rt.send({ type: 'conversation.item.deleted', item_id: itemId });
}

/**
 * Cuts an assistant audio item to its first `audioEndMs` and trims its transcript in proportion,
 * so the conversation holds what the user heard. Returns an error message, or undefined when done.
 */
export function truncateItem(
  rt: SessionRuntime,
  target: { readonly itemId: string; readonly contentIndex: number; readonly audioEndMs: number },
): { code: string; message: string; param: string } | undefined {
  const stored = rt.conversation.get(target.itemId);
  if (stored === undefined)
    return {
      code: 'item_not_found',
      message: `no conversation item with id '${target.itemId}'`,
      param: 'item_id',
    };
  const { item } = stored;
  if (item.type !== 'message' || item['role'] !== 'assistant') {
    return {
      code: 'invalid_value',
      message: 'only an assistant message can be truncated',
      param: 'item_id',
    };
  }
  const content = Array.isArray(item['content'])
    ? (item['content'] as Record<string, unknown>[])
    : [];
  const part = content[target.contentIndex];
  if (part === undefined) {
    return {
      code: 'invalid_value',
      message: `item '${target.itemId}' has no content part ${target.contentIndex}`,
      param: 'content_index',
    };
  }
  const audio = stored.audio;
  const sampleBytes = audio === undefined ? 1 : bytesPerSample(audio.format);
  const samples = audio === undefined ? 0 : audio.bytes.length / sampleBytes;
  const audioMs = audio === undefined ? 0 : (samples * 1000) / audio.format.sampleRate;
  if (target.audioEndMs > Math.ceil(audioMs)) {
    return {
      code: 'invalid_value',
      message: `audio_end_ms ${target.audioEndMs} is beyond the item's audio (${Math.floor(audioMs)} ms)`,
      param: 'audio_end_ms',
    };
  }
  if (audio !== undefined) {
    const keep = Math.min(
      samples,
      Math.floor((target.audioEndMs * audio.format.sampleRate) / 1000),
    );
    stored.audio = { bytes: audio.bytes.subarray(0, keep * sampleBytes), format: audio.format };
  }
  const transcript = typeof part['transcript'] === 'string' ? part['transcript'] : undefined;
  if (transcript !== undefined && audioMs > 0) {
    const td = turnDetection(rt);
    const appended =
      typeof td?.['appended_text_after_truncation'] === 'string'
        ? td['appended_text_after_truncation']
        : '';
    const kept = truncateText(transcript, target.audioEndMs / audioMs) + appended;
    const parts = content.map((p, i) =>
      i === target.contentIndex ? { ...p, transcript: kept } : p,
    );
    stored.item = { ...item, content: parts };
  }
  rt.send({
    type: 'conversation.item.truncated',
    item_id: target.itemId,
    content_index: target.contentIndex,
    audio_end_ms: target.audioEndMs,
  });
  return undefined;
}

export function onItemTruncate(rt: SessionRuntime, event: ClientEvent): void {
  const itemId = requireItemId(rt, event);
  if (itemId === undefined) return;
  const audioEndMs = event['audio_end_ms'];
  const contentIndex = event['content_index'] ?? 0;
  if (typeof audioEndMs !== 'number' || !Number.isInteger(audioEndMs) || audioEndMs < 0) {
    rt.sendError({
      code: 'invalid_value',
      message: 'audio_end_ms must be an integer ≥ 0',
      param: 'audio_end_ms',
      ...eventIdOf(event),
    });
    return;
  }
  if (typeof contentIndex !== 'number' || !Number.isInteger(contentIndex) || contentIndex < 0) {
    rt.sendError({
      code: 'invalid_value',
      message: 'content_index must be an integer ≥ 0',
      param: 'content_index',
      ...eventIdOf(event),
    });
    return;
  }
  const problem = truncateItem(rt, { itemId, contentIndex, audioEndMs });
  if (problem !== undefined) rt.sendError({ ...problem, ...eventIdOf(event) });
}
