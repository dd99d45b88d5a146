import type { WireItem } from '../session/conversation.js';

/** Text of a message item: its input_text/text parts, or the transcripts of its audio parts. */
export function itemText(item: WireItem): string | undefined {
  const content = item['content'];
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  for (const part of content as Record<string, unknown>[]) {
    const text = part['text'] ?? part['transcript'];
    if (typeof text === 'string' && text !== '') texts.push(text);
  }
  return texts.length > 0 ? texts.join(' ') : undefined;
}

/** The last item of the context that is not the assistant's own message. */
export function lastNonAssistantItem(items: readonly WireItem[]): WireItem | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && !(item.type === 'message' && item['role'] === 'assistant'))
      return item;
  }
  return undefined;
}

/** The function name of the call a `function_call_output` answers, if it is in the context. */
export function callName(items: readonly WireItem[], callId: unknown): string | undefined {
  const call = items.find((i) => i.type === 'function_call' && i['call_id'] === callId);
  return typeof call?.['name'] === 'string' ? call['name'] : undefined;
}
