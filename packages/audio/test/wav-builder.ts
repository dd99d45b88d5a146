/** Builds RIFF/WAVE bytes chunk by chunk, to craft valid and corrupt files for the parser tests. */
export interface ChunkSpec {
  readonly id: string;
  readonly body: Uint8Array;
  /** Size field to write instead of `body.length` (to fake truncation or streaming writers). */
  readonly declaredSize?: number;
  /** Omit the RIFF pad byte after an odd-sized body (a common writer bug). */
  readonly omitPad?: boolean;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function fmtBody(fields: {
  tag: number;
  channels?: number;
  sampleRate?: number;
  bitsPerSample?: number;
  blockAlign?: number;
  extra?: Uint8Array;
}): Uint8Array {
  const channels = fields.channels ?? 1;
  const sampleRate = fields.sampleRate ?? 16000;
  const bits = fields.bitsPerSample ?? 16;
  const blockAlign = fields.blockAlign ?? (channels * bits) / 8;
  const extra = fields.extra ?? new Uint8Array(0);
  const body = new Uint8Array(16 + extra.length);
  const view = new DataView(body.buffer);
  view.setUint16(0, fields.tag, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, bits, true);
  body.set(extra, 16);
  return body;
}

/** `fmt ` body of WAVE_FORMAT_EXTENSIBLE with the subformat GUID of `subTag`. */
export function extensibleFmtBody(subTag: number, sampleRate = 16000): Uint8Array {
  const extra = new Uint8Array(24);
  const view = new DataView(extra.buffer);
  view.setUint16(0, 22, true); // cbSize
  view.setUint16(2, 16, true); // valid bits
  view.setUint32(4, 0x4, true); // channel mask: front centre
  view.setUint16(8, subTag, true);
  extra.set(
    [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71],
    10,
  );
  return fmtBody({ tag: 0xfffe, sampleRate, extra });
}

export function riffWave(chunks: readonly ChunkSpec[], formType = 'WAVE'): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) {
    const header = new Uint8Array(8);
    header.set(ascii(chunk.id), 0);
    new DataView(header.buffer).setUint32(4, chunk.declaredSize ?? chunk.body.length, true);
    parts.push(header, chunk.body);
    if (chunk.body.length % 2 === 1 && chunk.omitPad !== true) parts.push(new Uint8Array(1));
  }
  const bodyLength = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(12 + bodyLength);
  out.set(ascii('RIFF'), 0);
  new DataView(out.buffer).setUint32(4, 4 + bodyLength, true);
  out.set(ascii(formType), 8);
  let offset = 12;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
