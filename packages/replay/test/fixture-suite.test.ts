// The fixture suite over the default agent, exactly as `voxd replay` runs it: every case passes
// and matches its committed golden file (so two runs, on any machine, give the same bytes).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SuiteResult } from '../src/index.js';
import { failureText, loadSuite, replaySuite } from '../src/index.js';

const SUITE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'fixtures',
  'replay',
  'default-agents.yaml',
);

let out: string;
let result: SuiteResult;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'voxd-replay-'));
  result = await replaySuite(await loadSuite(SUITE), { outDir: out, concurrency: 4 });
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe('fixtures/replay/default-agents.yaml', () => {
  it('passes every case and matches every committed golden file', () => {
    const failed = result.cases.filter((c) => c.status !== 'passed');
    expect(failed.map((c) => `${c.name}:\n${failureText(c)}`)).toEqual([]);
    expect(result.cases.map((c) => c.name)).toEqual([
      'single-turn',
      'multi-turn',
      'barge-in',
      'tool-call-stubbed',
      'silence-only',
      'g711-input',
      'reconnect-mid-response',
      'noisy-input',
    ]);
    // Nothing was (re)written: the golden files existed and were equal.
    expect(result.cases.flatMap((c) => c.runs).some((r) => r.goldenWritten === true)).toBe(false);
  });

  it('measures the barge-in at the sink: stop time and truncation at what was played', () => {
    const bargeIn = result.cases.find((c) => c.name === 'barge-in')!.runs[0]!.metrics.bargeIns;
    expect(bargeIn).toHaveLength(1);
    const [b] = bargeIn;
    expect(b!.lastSampleMs).toBeDefined();
    // The last sample played ends after the user started and before the interruption was handled.
    expect(b!.lastSampleMs!).toBeGreaterThan(b!.speechStartMs);
    expect(b!.lastSampleMs!).toBeLessThanOrEqual(b!.atMs);
    expect(b!.truncationErrorsMs).toEqual([0]);
    expect(b!.playedAfterMs).toBe(0);
  });

  it('runs the stubbed tool and speaks its answer', () => {
    const run = result.cases.find((c) => c.name === 'tool-call-stubbed')!.runs[0]!;
    expect(run.metrics.assistantTranscript).toContain('seven degrees');
  });

  it('writes a stereo WAV per case: user on channel 0, the assistant as played on channel 1', async () => {
    const wav = await readFile(join(out, 'barge-in.wav'));
    const channels = wav.readUInt16LE(22);
    const rate = wav.readUInt32LE(24);
    expect({ channels, rate }).toEqual({ channels: 2, rate: 24_000 });
    const samples = new Int16Array(wav.buffer, wav.byteOffset + 44, (wav.length - 44) / 2);
    let user = 0;
    let assistant = 0;
    for (let i = 0; i < samples.length; i += 2) {
      user = Math.max(user, Math.abs(samples[i]!));
      assistant = Math.max(assistant, Math.abs(samples[i + 1]!));
    }
    expect(user).toBeGreaterThan(1000);
    expect(assistant).toBeGreaterThan(1000);
    const run = result.cases.find((c) => c.name === 'barge-in')!.runs[0]!;
    expect(wav.readUInt32LE(40) / 4 / rate).toBeCloseTo(run.audioMs / 1000, 1);
  });

  it('reports replay speed as audio seconds per wall second', () => {
    expect(result.audioMs).toBeGreaterThan(70_000);
    expect(result.speed).toBeGreaterThan(0);
  });
});
