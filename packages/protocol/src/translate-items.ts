import { isJsonObject } from './translation-loss.js';
import type { JsonObject, LossLog } from './translation-loss.js';

// Assistant content: the dated `text`/`audio` parts are GA `output_text`/`output_audio`.
const PART_TO_V1: Readonly<Record<string, string>> = { text: 'output_text', audio: 'output_audio' };
const PART_TO_DATED: Readonly<Record<string, string>> = {
  output_text: 'text',
  output_audio: 'audio',
};

/** Item types of one dialect only, by the dialect that lacks them. */
const DATED_ONLY_ITEMS = new Set(['system_tool']);

function renameParts(item: JsonObject, names: Readonly<Record<string, string>>): JsonObject {
  const content = item['content'];
  if (item['type'] !== 'message' || !Array.isArray(content)) return item;
  let changed = false;
  const parts = content.map((part: unknown) => {
    if (!isJsonObject(part)) return part;
    const renamed = typeof part['type'] === 'string' ? names[part['type']] : undefined;
    if (renamed === undefined) return part;
    changed = true;
    return { ...part, type: renamed };
  });
  return changed ? { ...item, content: parts } : item;
}

/** An item (either dialect's server or client form) in the `v1` shape. */
export function itemToV1(item: unknown, path: string, log: LossLog): unknown {
  if (!isJsonObject(item)) return item;
  if (DATED_ONLY_ITEMS.has(String(item['type']))) {
    log.pass(`${path}.type`, item['type'], 'v1 has no such item; passed unchanged');
    return item;
  }
  return renameParts(item, PART_TO_V1);
}

/** An item in the dated shape. */
export function itemToDated(item: unknown): unknown {
  return isJsonObject(item) ? renameParts(item, PART_TO_DATED) : item;
}

export function itemsToV1(items: unknown, path: string, log: LossLog): unknown {
  return Array.isArray(items)
    ? items.map((item, i) => itemToV1(item, `${path}[${i}]`, log))
    : items;
}

export function itemsToDated(items: unknown): unknown {
  return Array.isArray(items) ? items.map(itemToDated) : items;
}

/** A streamed content part (`response.content_part.*`) in the dated shape. */
export function partToDated(part: unknown): unknown {
  if (!isJsonObject(part) || typeof part['type'] !== 'string') return part;
  const renamed = PART_TO_DATED[part['type']];
  return renamed === undefined ? part : { ...part, type: renamed };
}
