import { createHash } from 'node:crypto';

import { durationMs } from '@voxd/audio';
import type { SessionEvent } from '@voxd/core';

import type { CaseMetrics } from './case-metrics.js';
import type { CaseRun } from './run-case.js';

/** Events too many or too raw for a reviewer: audio chunks and wire events (kept as summaries). */
const SKIPPED = new Set(['input.audio', 'response.audio', 'server.event', 'session.connecting']);
/** Fields that differ between equal runs or say nothing a reviewer needs. */
const MASKED_FIELDS = new Set(['atMs', 'type', 'usage', 'session', 'error', 'raw', 'sessionId']);
/** Per event type: fields measured on the real clock (a reconnect's jittered backoff). */
const REAL_TIME_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'session.reconnecting': ['delayMs'],
};
const ID = /^(sess|item|resp|call|conv|event|evt|fc)_[A-Za-z0-9_]+$/;

const ms = (value: number): string => (Math.round(value * 10) / 10).toFixed(1);

/**
 * A run as a normalised, line-per-event text: virtual times (deterministic by construction), ids
 * numbered by first appearance (`item#2`), usage masked, final transcripts only, and the audio as
 * durations and sha256 hashes of what was sent and played. Equal runs give equal bytes.
 */
export function goldenText(caseName: string, run: CaseRun, metrics: CaseMetrics): string {
  const ids = new Map<string, string>();
  const counters = new Map<string, number>();
  const id = (value: string): string => {
    let out = ids.get(value);
    if (out === undefined) {
      const prefix = value.slice(0, value.indexOf('_'));
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      out = `${prefix}#${n}`;
      ids.set(value, out);
    }
    return out;
  };
  const value = (v: unknown): string => {
    if (typeof v === 'string') return ID.test(v) ? id(v) : JSON.stringify(v);
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : ms(v);
    if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
    if (v !== null && typeof v === 'object')
      return `{${Object.entries(v)
        .filter(([k]) => !MASKED_FIELDS.has(k))
        .map(([k, x]) => `${k}: ${value(x)}`)
        .join(', ')}}`;
    return String(v);
  };
  const line = (event: SessionEvent): string | undefined => {
    if (SKIPPED.has(event.type)) return undefined;
    if ((event.type === 'transcript.user' || event.type === 'transcript.assistant') && !event.final)
      return undefined;
    const fields = Object.entries(event)
      .filter(
        ([k, v]) =>
          !MASKED_FIELDS.has(k) &&
          !(REAL_TIME_FIELDS[event.type]?.includes(k) ?? false) &&
          v !== undefined &&
          k !== 'final',
      )
      .map(([k, v]) => `${k}=${value(v)}`);
    return `${ms(event.atMs).padStart(9)}  ${event.type}${fields.length === 0 ? '' : ` ${fields.join(' ')}`}`;
  };
  const sha = (parts: readonly Uint8Array[]): string => {
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p);
    return hash.digest('hex').slice(0, 16);
  };
  const ready = run.events.find((e) => e.type === 'session.ready');
  const session = ready?.type === 'session.ready' ? ready.session : undefined;
  // What the agent asked for and the server accepted: a change of instructions, voice, turn
  // detection or tools shows up here even when the local server's answers do not change.
  const sessionLines =
    session === undefined
      ? []
      : [
          'session:',
          ...(
            [
              'instructions',
              'voice',
              'modalities',
              'input_audio_format',
              'output_audio_format',
              'turn_detection',
              'tool_choice',
            ] as const
          )
            .filter((k) => session[k] !== undefined)
            .map((k) => `  ${k}: ${JSON.stringify(session[k])}`),
          ...(session.tools ?? []).map((t) => `  tool: ${JSON.stringify(t)}`),
        ];
  const lines = [
    `# voxd replay golden file: case ${caseName}`,
    '# virtual ms, ids numbered by first appearance, usage masked; regenerate with --update',
    ...sessionLines,
    'events:',
    ...run.events.map(line).filter((l): l is string => l !== undefined),
    'audio:',
    `  user sent ${ms(run.input.reduce((n, p) => n + durationMs(run.inputFormat, p.data.length), 0))} ms sha256:${sha(run.input.map((p) => p.data))}`,
    ...metrics.replies.map(
      (r) =>
        `  reply ${r.play + 1} ${r.itemId === undefined ? '?' : id(r.itemId)} played ${ms(r.playedMs)} ms from ${ms(r.startMs)} sha256:${sha(
          run.played.filter((p) => p.play === r.play).map((p) => p.data),
        )}`,
    ),
    ...(run.problems.length === 0 ? [] : ['problems:', ...run.problems.map((p) => `  ${p}`)]),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A readable line diff (LCS), `-` for the golden file and `+` for this run, with two lines of
 * context; empty when equal.
 */
export function diffLines(before: string, after: string, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: { op: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      ops.push({ op: '-', text: a[i++]! });
    else ops.push({ op: '+', text: b[j++]! });
  }
  if (ops.every((o) => o.op === ' ')) return '';
  const keep = ops.map(
    (o, k) =>
      o.op !== ' ' ||
      ops.slice(Math.max(0, k - context), k + context + 1).some((x) => x.op !== ' '),
  );
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, k) => {
    if (!keep[k]) {
      if (!skipped) out.push('  …');
      skipped = true;
      return;
    }
    skipped = false;
    out.push(`${o.op} ${o.text}`);
  });
  return out.join('\n');
}
