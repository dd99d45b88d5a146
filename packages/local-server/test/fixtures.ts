import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { parseWavHeader } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/audio/', import.meta.url));

/** Raw audio bytes (no header) and format of a fixture WAV. */
export async function loadFixture(
  name: string,
): Promise<{ bytes: Uint8Array; format: AudioFormat }> {
  const file = await readFile(`${FIXTURES}${name}`);
  const info = parseWavHeader(file);
  return {
    bytes: file.subarray(info.dataOffset, info.dataOffset + info.dataLength),
    format: info.format,
  };
}

/** Splits raw bytes into base64 appends of `chunkMs`. */
export function byteAppends(bytes: Uint8Array, bytesPerMs: number, chunkMs = 100): string[] {
  const per = Math.round(bytesPerMs * chunkMs);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += per)
    out.push(Buffer.from(bytes.subarray(i, i + per)).toString('base64'));
  return out;
}

/** Writes a responder script (`name` ends in .yaml or .jsonl) to a fresh temp dir; returns its path. */
export async function writeScript(name: string, text: string): Promise<string> {
  const dir = await mkdtemp('/tmp/voxd-script-');
  await writeFile(`${dir}/${name}`, text);
  return `${dir}/${name}`;
}

/** A local server on port 0 at pace asap whose responder plays the script `text` (see writeScript). */
export async function startScriptedServer(name: string, text: string): Promise<LocalServer> {
  const path = await writeScript(name, text);
  return startLocalServer({ port: 0, pace: 'asap', responder: { type: 'script', path } });
}
