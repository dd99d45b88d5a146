/**
 * Splits text after sentence-ending punctuation and at line breaks, then cuts any piece longer than
 * `maxBytes` (UTF-8) at word boundaries (or anywhere, for a single giant word). Empty pieces are
 * dropped. The TTS speaks one piece at a time and yields to the event loop between them.
 */
export function splitSentences(text: string, maxBytes = Infinity): string[] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .flatMap((s) => cutToBytes(s, maxBytes));
}

function cutToBytes(sentence: string, maxBytes: number): string[] {
  if (Buffer.byteLength(sentence) <= maxBytes) return [sentence];
  const pieces: string[] = [];
  let current = '';
  for (const word of sentence.split(/\s+/u)) {
    const candidate = current ? `${current} ${word}` : word;
    if (Buffer.byteLength(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    current = '';
    // A single word longer than maxBytes: cut by code points.
    let rest = word;
    while (Buffer.byteLength(rest) > maxBytes) {
      let cut = '';
      for (const ch of rest) {
        if (Buffer.byteLength(cut + ch) > maxBytes) break;
        cut += ch;
      }
      pieces.push(cut);
      rest = rest.slice(cut.length);
    }
    current = rest;
  }
  if (current) pieces.push(current);
  return pieces;
}
