import { serverEventToV1 } from './translate-events.js';
import { isJsonObject } from './translation-loss.js';
import type { Translated, WireEvent } from './translation-loss.js';

const UNFINISHED = new Set(['in_progress', 'incomplete']);

/**
 * Translates one connection's dated server events to `v1` in order, remembering what a single
 * event cannot tell: GA announces an item with `conversation.item.added` and again, finished,
 * with `conversation.item.done`. The dated dialect announces a response's item once, unfinished
 * (`conversation.item.created` after `response.output_item.added`), and finishes it with
 * `response.output_item.done`; this stream sends `conversation.item.done` right after that, with
 * the finished item. Items created finished (user turns, client items) get both at once, as
 * {@link serverEventToV1} does.
 *
 * @example
 * const toV1 = createV1ServerStream();
 * for (const event of toV1(datedEvent).events) socket.send(JSON.stringify(event));
 */
export function createV1ServerStream(): (event: WireEvent) => Translated<WireEvent> {
  /** Unfinished conversation items by id, with the `previous_item_id` they were added after. */
  const open = new Map<string, unknown>();
  return (event) => {
    const translated = serverEventToV1(event);
    const item = event['item'];
    if (!isJsonObject(item) || typeof item['id'] !== 'string') return translated;
    if (event.type === 'conversation.item.created' && UNFINISHED.has(String(item['status']))) {
      open.set(item['id'], event['previous_item_id'] ?? null);
      return { events: translated.events.slice(0, 1), losses: translated.losses };
    }
    if (event.type === 'response.output_item.done' && open.has(item['id'])) {
      const previous = open.get(item['id']);
      open.delete(item['id']);
      const done: WireEvent = {
        type: 'conversation.item.done',
        event_id: `${String(event['event_id'])}_item`,
        previous_item_id: previous,
        item: translated.events[0]?.['item'],
      };
      return { events: [...translated.events, done], losses: translated.losses };
    }
    if (event.type === 'conversation.item.deleted' && typeof event['item_id'] === 'string') {
      open.delete(event['item_id']);
    }
    return translated;
  };
}
