import type { SessionEvent } from '@voxd/core';

import type { CaseMetrics } from './case-metrics.js';
import { percentile } from './case-metrics.js';
import type { Budget, ExpectSpec, Range, TextCheck } from './suite-schema.js';

/** One failed expectation: which (a path in the case's `expect`) and why. */
export interface Failure {
  readonly expectation: string;
  readonly message: string;
}

/** `tool.*` style patterns: `*` matches any run of characters. */
function typePattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Whether `actual` contains everything in `expected` (objects by key, arrays element-wise). */
export function jsonSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(expected, actual);
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((e, i) => jsonSubset(e, actual[i]))
    );
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  return Object.entries(expected).every(([k, v]) =>
    jsonSubset(v, (actual as Record<string, unknown>)[k]),
  );
}

const fmt = (ms: number): string => `${Math.round(ms)} ms`;

function checkBudget(name: string, values: readonly number[], budget: Budget): Failure[] {
  const failures: Failure[] = [];
  const check = (label: string, value: number | undefined, limit: number | undefined): void => {
    if (limit === undefined) return;
    if (value === undefined)
      failures.push({
        expectation: `${name}.${label}`,
        message: `no measurement (nothing to measure ${name} on)`,
      });
    else if (value > limit)
      failures.push({
        expectation: `${name}.${label}`,
        message: `${label} ${fmt(value)} > budget ${fmt(limit)} (values: ${values.map(fmt).join(', ')})`,
      });
  };
  check('max', values.length === 0 ? undefined : Math.max(...values), budget.max);
  check('p50', percentile(values, 50), budget.p50);
  check('p95', percentile(values, 95), budget.p95);
  return failures;
}

function checkRange(name: string, value: number, range: Range): Failure[] {
  const out: Failure[] = [];
  if (range.min !== undefined && value < range.min)
    out.push({ expectation: `${name}.min`, message: `${value} < min ${range.min}` });
  if (range.max !== undefined && value > range.max)
    out.push({ expectation: `${name}.max`, message: `${value} > max ${range.max}` });
  return out;
}

function checkText(name: string, text: string, check: TextCheck): Failure[] {
  const out: Failure[] = [];
  const list = (v: string | string[] | undefined): string[] =>
    v === undefined ? [] : Array.isArray(v) ? v : [v];
  const shown = text === '' ? '(no transcript)' : JSON.stringify(text);
  for (const want of list(check.contains))
    if (!text.toLowerCase().includes(want.toLowerCase()))
      out.push({
        expectation: `${name}.contains`,
        message: `${JSON.stringify(want)} not in ${shown}`,
      });
  for (const not of list(check.not_contains))
    if (text.toLowerCase().includes(not.toLowerCase()))
      out.push({
        expectation: `${name}.not_contains`,
        message: `${JSON.stringify(not)} is in ${shown}`,
      });
  if (check.matches !== undefined && !new RegExp(check.matches).test(text))
    out.push({
      expectation: `${name}.matches`,
      message: `/${check.matches}/ does not match ${shown}`,
    });
  return out;
}

/** Finds `wanted` in order in `types` (others may come between); the first missing one, or -1. */
function firstMissing(
  wanted: readonly string[],
  types: readonly string[],
): { index: number; after: number } {
  let at = 0;
  for (const [index, pattern] of wanted.entries()) {
    const re = typePattern(pattern);
    const found = types.findIndex((t, i) => i >= at && re.test(t));
    if (found === -1) return { index, after: at };
    at = found + 1;
  }
  return { index: -1, after: at };
}

/** Checks every expectation of a case against one run; an empty list means it passed. */
export function checkExpectations(
  spec: ExpectSpec | undefined,
  events: readonly SessionEvent[],
  metrics: CaseMetrics,
): Failure[] {
  if (spec === undefined) return [];
  const failures: Failure[] = [];
  const types = events.map((e) => e.type);
  if (spec.events !== undefined) {
    const { index, after } = firstMissing(spec.events, types);
    if (index !== -1) {
      const before = spec.events.slice(0, index).join(' → ') || '(start)';
      failures.push({
        expectation: `events[${index}]`,
        message: `no "${spec.events[index]}" after ${before}; events from there: ${[...new Set(types.slice(after))].join(', ') || '(none)'}`,
      });
    }
  }
  for (const pattern of spec.no_events ?? []) {
    const re = typePattern(pattern);
    const hit = events.find((e) => re.test(e.type));
    if (hit !== undefined)
      failures.push({
        expectation: 'no_events',
        message: `"${hit.type}" happened at ${fmt(hit.atMs)}${'message' in hit ? `: ${String(hit.message)}` : ''}`,
      });
  }
  if (spec.turns !== undefined) {
    const range =
      typeof spec.turns === 'number' ? { min: spec.turns, max: spec.turns } : spec.turns;
    failures.push(...checkRange('turns', metrics.turns, range));
  }
  if (spec.interrupted !== undefined) {
    const was = metrics.bargeIns.length > 0;
    if (was !== spec.interrupted)
      failures.push({
        expectation: 'interrupted',
        message: was
          ? `interrupted ${metrics.bargeIns.length} time(s), expected none`
          : 'never interrupted',
      });
  }
  if (spec.transcripts?.user !== undefined)
    failures.push(...checkText('transcripts.user', metrics.userTranscript, spec.transcripts.user));
  if (spec.transcripts?.assistant !== undefined)
    failures.push(
      ...checkText(
        'transcripts.assistant',
        metrics.assistantTranscript,
        spec.transcripts.assistant,
      ),
    );

  const calls = events.filter((e) => e.type === 'tool.call');
  if (spec.tools !== undefined) {
    let at = 0;
    for (const [i, want] of spec.tools.entries()) {
      const found = calls.findIndex((c, j) => {
        if (j < at || c.name !== want.name) return false;
        if (want.args !== undefined && !jsonSubset(want.args, c.arguments)) return false;
        return (
          want.args_matches === undefined ||
          new RegExp(want.args_matches).test(JSON.stringify(c.arguments))
        );
      });
      if (found === -1) {
        const seen =
          calls.map((c) => `${c.name}(${JSON.stringify(c.arguments)})`).join(', ') || 'none';
        failures.push({
          expectation: `tools[${i}]`,
          message: `no call of ${want.name}${want.args === undefined ? '' : ` with ${JSON.stringify(want.args)}`}${want.args_matches === undefined ? '' : ` matching /${want.args_matches}/`} (in order); calls: ${seen}`,
        });
        break;
      }
      at = found + 1;
    }
  }
  for (const name of spec.tools_not_called ?? []) {
    const hit = calls.find((c) => c.name === name);
    if (hit !== undefined)
      failures.push({
        expectation: 'tools_not_called',
        message: `${name} was called with ${JSON.stringify(hit.arguments)}`,
      });
  }
  const dropped = events.filter((e) => e.type === 'tool.dropped');
  for (const name of spec.tools_dropped ?? [])
    if (!dropped.some((d) => d.name === name))
      failures.push({ expectation: 'tools_dropped', message: `no call of ${name} was dropped` });

  const latency = spec.latency;
  if (latency?.turn_ms !== undefined)
    failures.push(...checkBudget('latency.turn_ms', metrics.turnLatenciesMs, latency.turn_ms));
  if (latency?.first_audio_ms !== undefined)
    failures.push(
      ...checkBudget('latency.first_audio_ms', metrics.firstAudioMs, latency.first_audio_ms),
    );
  if (latency?.barge_in_stop_ms !== undefined)
    failures.push(
      ...checkBudget(
        'latency.barge_in_stop_ms',
        metrics.bargeIns.map((b) => b.stopMs),
        latency.barge_in_stop_ms,
      ),
    );
  if (latency?.truncation_error_ms !== undefined)
    failures.push(
      ...checkBudget(
        'latency.truncation_error_ms',
        metrics.bargeIns.flatMap((b) => b.truncationErrorsMs),
        latency.truncation_error_ms,
      ),
    );

  const audio = spec.audio;
  if (audio?.non_silent === true) {
    if (metrics.replies.length === 0)
      failures.push({ expectation: 'audio.non_silent', message: 'no reply was played' });
    for (const r of metrics.replies)
      if (r.dbfs < -50)
        failures.push({
          expectation: 'audio.non_silent',
          message: `reply ${r.play + 1} is silent (${r.dbfs.toFixed(1)} dBFS)`,
        });
  }
  if (audio?.duration_ms !== undefined) {
    const total = Math.round(metrics.replies.reduce((n, r) => n + r.playedMs, 0));
    failures.push(...checkRange('audio.duration_ms', total, audio.duration_ms));
  }
  if (audio?.no_talk_over === true)
    for (const b of metrics.bargeIns)
      if (b.playedAfterMs > 0)
        failures.push({
          expectation: 'audio.no_talk_over',
          message: `${fmt(b.playedAfterMs)} of the interrupted reply played after the barge-in at ${fmt(b.atMs)}`,
        });
  if (audio?.max_gap_ms !== undefined)
    for (const r of metrics.replies)
      if (r.maxGapMs > audio.max_gap_ms)
        failures.push({
          expectation: 'audio.max_gap_ms',
          message: `reply ${r.play + 1} has a ${fmt(r.maxGapMs)} gap > ${fmt(audio.max_gap_ms)}`,
        });
  return failures;
}
