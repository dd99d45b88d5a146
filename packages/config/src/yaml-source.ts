import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Pair } from 'yaml';

export type PathSegment = string | number;

/** 1-based position in the file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A parsed agent file that can say where any field path is written. */
export interface YamlSource {
  readonly document: Document.Parsed;
  /** YAML syntax errors, each with its position. */
  readonly syntaxErrors: readonly { message: string; position: Position }[];
  /** Where the value at `path` is; for a missing field, its nearest written ancestor. */
  positionOf(path: readonly PathSegment[]): Position;
  /** Where the key `key` of the mapping at `path` is written (for unknown keys). */
  keyPositionOf(path: readonly PathSegment[], key: string): Position;
  /** Converts a character offset into a position. */
  positionAt(offset: number): Position;
}

const START: Position = { line: 1, column: 1 };

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const positionAt = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const startOf = (node: unknown): Position | undefined => {
    const range = (node as { range?: readonly number[] } | null)?.range;
    return range?.[0] === undefined ? undefined : positionAt(range[0]);
  };

  /** Follows `path` as far as it is written; returns the deepest node reached. */
  const walk = (path: readonly PathSegment[]): unknown => {
    let node: unknown = document.contents;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = findPair(node.items, String(segment));
        if (pair === undefined) return node;
        // `key:` with nothing after it has no value node: point at the key.
        if (pair.value === null) return pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined || item === null) return node;
        node = item;
      } else {
        return node;
      }
    }
    return node;
  };

  return {
    document,
    syntaxErrors: document.errors.map((error) => ({
      // The first line: later lines of yaml's messages repeat the source excerpt.
      message: error.message.split('\n')[0] ?? error.message,
      position: positionAt(error.pos[0]),
    })),
    positionOf: (path) => startOf(walk(path)) ?? START,
    keyPositionOf: (path, key) => {
      const node = walk(path);
      if (isMap(node)) {
        const at = startOf(findPair(node.items, key)?.key);
        if (at !== undefined) return at;
      }
      return startOf(node) ?? START;
    },
    positionAt,
  };
}

function findPair(items: readonly Pair[], key: string): Pair | undefined {
  return items.find((item) => isScalar(item.key) && String(item.key.value) === key);
}
