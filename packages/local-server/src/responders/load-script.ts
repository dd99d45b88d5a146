import { readFile } from 'node:fs/promises';

import { parse as parseYaml } from 'yaml';

import { LocalServerError } from '../local-server-error.js';

/** One scripted assistant turn. */
export type ScriptTurn = (
  | { readonly say: string }
  | { readonly call: { readonly name: string; readonly arguments: string } }
  | { readonly error: { readonly code: string; readonly message: string } }
) & {
  /** What the user said in the turn this entry answers: the input transcription. */
  readonly transcript?: string;
};

function fail(path: string, where: string, message: string): never {
  throw new LocalServerError('E_LOCAL_SERVER_SCRIPT', `${path}: ${where}: ${message}`);
}

function toTurn(raw: unknown, path: string, where: string): ScriptTurn {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail(path, where, 'each turn must be an object');
  const entry = raw as Record<string, unknown>;
  const kinds = ['say', 'call', 'error'].filter((k) => entry[k] !== undefined);
  if (kinds.length !== 1) fail(path, where, 'each turn needs exactly one of say, call, error');
  const transcript = entry['transcript'];
  if (transcript !== undefined && typeof transcript !== 'string')
    fail(path, where, 'transcript must be a string');
  const extra = transcript === undefined ? {} : { transcript };
  if (entry['say'] !== undefined) {
    if (typeof entry['say'] !== 'string') fail(path, where, 'say must be a string');
    return { say: entry['say'], ...extra };
  }
  if (entry['call'] !== undefined) {
    const call = entry['call'] as Record<string, unknown>;
    if (typeof call !== 'object' || typeof call['name'] !== 'string' || call['name'] === '') {
      fail(path, where, 'call needs a non-empty name');
    }
    const args = call['arguments'] ?? {};
    const text = typeof args === 'string' ? args : JSON.stringify(args);
    return { call: { name: call['name'], arguments: text }, ...extra };
  }
  const error = entry['error'] as Record<string, unknown>;
  if (
    typeof error !== 'object' ||
    typeof error['code'] !== 'string' ||
    typeof error['message'] !== 'string'
  ) {
    fail(path, where, 'error needs a code and a message (strings)');
  }
  return { error: { code: error['code'], message: error['message'] }, ...extra };
}

/**
 * Reads a script: a YAML list of turns, or JSONL (`.jsonl`, one turn object per line).
 * @throws LocalServerError `E_LOCAL_SERVER_SCRIPT` naming the file and the turn.
 */
export async function loadScript(path: string): Promise<ScriptTurn[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new LocalServerError('E_LOCAL_SERVER_SCRIPT', `${path}: cannot read the script file`, {
      cause,
    });
  }
  const turns: ScriptTurn[] = [];
  if (path.endsWith('.jsonl')) {
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        fail(path, `line ${index + 1}`, 'not valid JSON');
      }
      turns.push(toTurn(raw, path, `line ${index + 1}`));
    });
  } else {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (cause) {
      throw new LocalServerError('E_LOCAL_SERVER_SCRIPT', `${path}: not valid YAML`, { cause });
    }
    if (!Array.isArray(doc)) fail(path, 'top level', 'a script is a list of turns (- say: "…")');
    doc.forEach((raw, index) => turns.push(toTurn(raw, path, `turn ${index + 1}`)));
  }
  if (turns.length === 0) fail(path, 'top level', 'the script has no turns');
  return turns;
}
