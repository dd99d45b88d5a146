// A suite is a regression test: a bad case fails alone with a clear message, a change to the agent
// shows up as a readable golden diff, and --update accepts it.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { failureText, goldenDir, loadSuite, replaySuite } from '../src/index.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'voxd-replay-suite-'));
  dirs.push(dir);
  await mkdir(join(dir, 'audio'));
  for (const wav of ['weather-24k.wav', 'booking-16k.wav'])
    await copyFile(join(REPO, 'fixtures', 'audio', wav), join(dir, 'audio', wav));
  await writeFile(
    join(dir, 'agent.yaml'),
    (await readFile(join(REPO, 'configs', 'agents', 'local-assistant.yaml'), 'utf8')).replace(
      /path: \.\.\/\.\.\/fixtures\/audio\/weather-24k\.wav/,
      'path: audio/weather-24k.wav',
    ),
  );
  return dir;
}

describe('one bad case fails alone', () => {
  it('a corrupt WAV, a missing file, a bad expectation and a server fault each fail their case; the good one passes', async () => {
    const dir = await project();
    await writeFile(
      join(dir, 'audio', 'corrupt.wav'),
      Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunk'),
    );
    await writeFile(
      join(dir, 'suite.yaml'),
      [
        'agent: agent.yaml',
        'cases:',
        '  - name: good',
        '    input: { wav: audio/weather-24k.wav, to_ms: 3000 }',
        '    expect: { turns: 1 }',
        '  - name: corrupt',
        '    input: audio/corrupt.wav',
        '  - name: missing',
        '    input: audio/nope.wav',
        '  - name: bad-expectation',
        '    input: audio/weather-24k.wav',
        '    expect: { turns: many }',
        '  - name: server-fault',
        '    input: { wav: audio/weather-24k.wav, to_ms: 3000 }',
        '    server: { faults: { error_every: 1 } }',
        '    expect: { no_events: [session.error] }',
      ].join('\n'),
    );
    const result = await replaySuite(await loadSuite(join(dir, 'suite.yaml')), { concurrency: 5 });
    const by = Object.fromEntries(result.cases.map((c) => [c.name, c]));
    expect(by['good']!.status).toBe('passed');
    expect(by['corrupt']!.status).toBe('error');
    expect(by['corrupt']!.error).toMatch(/audio\/corrupt\.wav: not a usable WAV file/);
    expect(by['missing']!.status).toBe('error');
    expect(by['missing']!.error).toMatch(/audio\/nope\.wav: cannot read the WAV file/);
    expect(by['bad-expectation']!.status).toBe('error');
    expect(by['bad-expectation']!.error).toMatch(/suite\.yaml:12:\d+ cases\[3\]\.expect\.turns:/);
    expect(by['server-fault']!.status).toBe('failed');
    expect(failureText(by['server-fault']!)).toMatch(
      /no_events: "session\.error" happened at \d+ ms: .*server_error|no_events: "session\.error"/,
    );
  });

  it('a suite whose top level is invalid is refused whole, at file:line:column', async () => {
    const dir = await project();
    await writeFile(join(dir, 'suite.yaml'), 'agent: agent.yaml\nconcurrency: 3\ncases: []\n');
    const error = await loadSuite(join(dir, 'suite.yaml')).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/suite\.yaml:2:1 concurrency: unknown field "concurrency"/);
    expect(error?.message).toMatch(/suite\.yaml:3:8 cases: a suite needs at least one case/);
  });
});

describe('golden files', () => {
  it('the first run writes them; an agent change shows as a diff; --update accepts it', async () => {
    const dir = await project();
    const suiteFile = join(dir, 'suite.yaml');
    await writeFile(
      suiteFile,
      'agent: agent.yaml\ncases:\n  - name: hello\n    input: { wav: audio/booking-16k.wav, to_ms: 3000 }\n',
    );
    const first = await replaySuite(await loadSuite(suiteFile));
    expect(first.cases[0]!.status).toBe('passed');
    expect(first.cases[0]!.runs[0]!.goldenWritten).toBe(true);
    const golden = await readFile(join(goldenDir(await loadSuite(suiteFile)), 'hello.txt'), 'utf8');
    expect(golden).toContain('instructions: "You are a concise, friendly voice assistant.');

    const again = await replaySuite(await loadSuite(suiteFile));
    expect(again.cases[0]!.status).toBe('passed');

    const agent = await readFile(join(dir, 'agent.yaml'), 'utf8');
    await writeFile(
      join(dir, 'agent.yaml'),
      agent.replace('Answer in one or two short sentences.', 'Answer in French.'),
    );
    const changed = await replaySuite(await loadSuite(suiteFile));
    expect(changed.cases[0]!.status).toBe('failed');
    const diff = changed.cases[0]!.runs[0]!.goldenDiff ?? '';
    expect(diff).toMatch(/^- {3}instructions: ".*Answer in one or two short sentences\."$/m);
    expect(diff).toMatch(/^\+ {3}instructions: ".*Answer in French\."$/m);

    const updated = await replaySuite(await loadSuite(suiteFile), { update: true });
    expect(updated.cases[0]!.status).toBe('passed');
    expect((await replaySuite(await loadSuite(suiteFile))).cases[0]!.status).toBe('passed');
  });

  it('repeats a case k times and requires m passes', async () => {
    const dir = await project();
    const suiteFile = join(dir, 'suite.yaml');
    await writeFile(
      suiteFile,
      'agent: agent.yaml\ncases:\n  - name: thrice\n    input: { wav: audio/booking-16k.wav, to_ms: 3000 }\n    repeat: { runs: 3, min_passes: 3 }\n    expect: { turns: 1 }\n',
    );
    const result = await replaySuite(await loadSuite(suiteFile));
    expect(result.cases[0]!.runs).toHaveLength(3);
    expect(result.cases[0]!.passes).toBe(3);
    expect(result.cases[0]!.status).toBe('passed');
  });
});
