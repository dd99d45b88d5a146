import type { StoredItem, WireItem } from './conversation.js';
import type { WireAudioFormat } from './wire-audio.js';

export type ItemResult =
  | { readonly ok: true; readonly stored: StoredItem }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly param: string };

function bad(param: string, message: string, code = 'invalid_value'): ItemResult {
  return { ok: false, code, message, param };
}

/**
 * Turns an item a client sent (§5.3) into the server form: `id` (the client's or a new one),
 * `object: "realtime.item"`, a status for messages. Audio bytes of `input_audio` parts move out of
 * the wire form into the stored audio, so `conversation.item.created` stays small.
 */
export function toServerItem(
  raw: unknown,
  context: {
    readonly param: string;
    readonly newItemId: () => string;
    readonly inputFormat: WireAudioFormat;
  },
): ItemResult {
  const { param } = context;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return bad(param, 'the item must be an object');
  const source = raw as Record<string, unknown>;
  const type = source['type'];
  if (typeof type !== 'string')
    return bad(`${param}.type`, 'the item needs a type', 'missing_required_parameter');
  const id =
    typeof source['id'] === 'string' && source['id'] !== '' ? source['id'] : context.newItemId();
  const item: Record<string, unknown> = { ...source, id, object: 'realtime.item', type };
  let audio: StoredItem['audio'];
  if (type === 'message') {
    const role = source['role'];
    if (role !== 'user' && role !== 'assistant' && role !== 'system') {
      return bad(`${param}.role`, "a message role must be 'user', 'assistant' or 'system'");
    }
    const content = source['content'];
    if (!Array.isArray(content))
      return bad(
        `${param}.content`,
        'a message needs a content array',
        'missing_required_parameter',
      );
    const parts: Record<string, unknown>[] = [];
    for (const [index, part] of (content as unknown[]).entries()) {
      if (typeof part !== 'object' || part === null)
        return bad(`${param}.content[${index}]`, 'a content part must be an object');
      const p = part as Record<string, unknown>;
      if (role === 'assistant' && (p['type'] === 'audio' || p['type'] === 'input_audio')) {
        return bad(
          `${param}.content[${index}].type`,
          'an assistant message cannot be created with audio content',
        );
      }
      if (p['type'] === 'input_audio' && typeof p['audio'] === 'string') {
        audio = { bytes: Buffer.from(p['audio'], 'base64'), format: context.inputFormat };
        parts.push({ ...p, audio: null, transcript: p['transcript'] ?? null });
      } else parts.push(p);
    }
    item['content'] = parts;
    item['status'] = source['status'] ?? 'completed';
  } else if (type === 'function_call') {
    if (typeof source['name'] !== 'string')
      return bad(
        `${param}.name`,
        'a function_call item needs a name',
        'missing_required_parameter',
      );
    if (typeof source['call_id'] !== 'string')
      return bad(
        `${param}.call_id`,
        'a function_call item needs a call_id',
        'missing_required_parameter',
      );
    item['arguments'] = typeof source['arguments'] === 'string' ? source['arguments'] : '';
    item['status'] = source['status'] ?? 'completed';
  } else if (type === 'function_call_output') {
    if (typeof source['call_id'] !== 'string') {
      return bad(
        `${param}.call_id`,
        'a function_call_output item needs a call_id',
        'missing_required_parameter',
      );
    }
    if (typeof source['output'] !== 'string')
      return bad(`${param}.output`, 'output must be a string (it may be empty)');
  }
  const stored: StoredItem = { item: item as WireItem };
  if (audio !== undefined) stored.audio = audio;
  return { ok: true, stored };
}
