import type { WireAudioFormat } from './wire-audio.js';

/** A conversation item in its wire form (`id`, `object`, `type`, …). */
export type WireItem = Record<string, unknown> & { readonly id: string; readonly type: string };

/** An item plus what the wire form leaves out. */
export interface StoredItem {
  item: WireItem;
  /** Raw audio of an audio content part, for `retrieve` and `truncate`. */
  audio?: { bytes: Uint8Array; format: WireAudioFormat };
}

/** The ordered item list of one session (reference Appendix A.5). */
export interface Conversation {
  readonly id: string;
  list(): readonly StoredItem[];
  get(itemId: string): StoredItem | undefined;
  /**
   * Inserts `stored`: `previousItemId` undefined appends, `'root'` inserts at the start, any other
   * value inserts after that item. Returns the id of the item now before it (`null` if first), or
   * `undefined` if `previousItemId` names no item.
   */
  insert(
    stored: StoredItem,
    previousItemId?: string,
  ): { previousItemId: string | null } | undefined;
  remove(itemId: string): boolean;
  /** Id of the last item, or null when the conversation is empty. */
  lastId(): string | null;
}

export function createConversation(id: string): Conversation {
  const items: StoredItem[] = [];
  const indexOf = (itemId: string): number => items.findIndex((s) => s.item.id === itemId);
  return {
    id,
    list: () => items,
    get: (itemId) => items.find((s) => s.item.id === itemId),
    insert(stored, previousItemId) {
      let at: number;
      if (previousItemId === undefined) at = items.length;
      else if (previousItemId === 'root') at = 0;
      else {
        const index = indexOf(previousItemId);
        if (index < 0) return undefined;
        at = index + 1;
      }
      items.splice(at, 0, stored);
      return { previousItemId: at === 0 ? null : (items[at - 1]?.item.id ?? null) };
    },
    remove(itemId) {
      const index = indexOf(itemId);
      if (index < 0) return false;
      items.splice(index, 1);
      return true;
    },
    lastId: () => items.at(-1)?.item.id ?? null,
  };
}
