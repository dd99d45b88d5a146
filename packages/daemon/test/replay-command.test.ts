// `voxd replay` end to end, in-process with real files, sockets and the embedded server.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { FIXTURES, REPO_ROOT, tempDir, voxd } from './cli-harness.js';

const AGENT = join(REPO_ROOT, 'configs', 'agents', 'local-assistant.yaml');

describe('voxd replay', () => {
  it('exit 1 when a case fails; prints the failure; writes JUnit, JSON and a stereo WAV per case', async () => {
    await using dir = await tempDir();
    await writeFile(
      join(dir.path, 'suite.yaml'),
      [
        `agent: ${AGENT}`,
        'cases:',
        '  - name: answered',
        `    input: { wav: ${join(FIXTURES, 'weather-24k.wav')}, to_ms: 3000 }`,
        '    expect: { turns: 1, audio: { non_silent: true } }',
        '  - name: wrong-budget',
        `    input: { wav: ${join(FIXTURES, 'weather-24k.wav')}, to_ms: 3000 }`,
        '    expect: { turns: 2 }',
      ].join('\n'),
    );
    const result = await voxd(
      ['replay', 'suite.yaml', '--junit', 'junit.xml', '--json', 'result.json', '--out', 'wavs'],
      { cwd: dir.path },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^pass {2}answered \(golden file written\)$/m);
    expect(result.stdout).toMatch(/^FAIL {2}wrong-budget/m);
    expect(result.stdout).toMatch(/^ {6}turns\.min: 1 < min 2$/m);
    expect(result.stdout).toMatch(/1\/2 cases passed; [\d.]+ s of audio in [\d.]+ s/);
    const junit = await readFile(join(dir.path, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="suite" tests="2" failures="1" errors="0"/);
    expect(junit).toMatch(
      /<testcase classname="suite" name="wrong-budget"[^>]*>\s*<failure message="turns\.min: 1 &lt; min 2">/,
    );
    const json = JSON.parse(await readFile(join(dir.path, 'result.json'), 'utf8')) as {
      cases: { status: string }[];
    };
    expect(json.cases.map((c) => c.status)).toEqual(['passed', 'failed']);
    const wav = await readFile(join(dir.path, 'wavs', 'answered.wav'));
    expect(wav.readUInt16LE(22)).toBe(2);

    // Only the selected case runs; it passes against the golden file the first run wrote.
    const again = await voxd(['replay', 'suite.yaml', 'answered', '--no-wav'], { cwd: dir.path });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^pass {2}answered$/m);
    expect(again.stdout).not.toMatch(/wrong-budget/);
  });

  it('exit 3 for an invalid suite file, 2 for an unknown case name', async () => {
    await using dir = await tempDir();
    await writeFile(
      join(dir.path, 'bad.yaml'),
      `agent: ${AGENT}\ncases:\n  - name: x\n    inptu: a.wav\n`,
    );
    const bad = await voxd(['replay', 'bad.yaml'], { cwd: dir.path });
    expect(bad.code).toBe(1); // a bad case entry fails alone: the suite itself is valid
    expect(bad.stdout).toMatch(/bad\.yaml:4:5 cases\[0\]\.inptu: unknown field "inptu"/);
    await writeFile(join(dir.path, 'worse.yaml'), 'cases: 3\n');
    const worse = await voxd(['replay', 'worse.yaml'], { cwd: dir.path });
    expect(worse.code).toBe(3);
    expect(worse.stderr).toMatch(/worse\.yaml:1:8 cases: expected array/);
    const unknown = await voxd(['replay', 'bad.yaml', 'nope'], { cwd: dir.path });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no case named nope/);
  });

  it('AGENT.yaml --fixtures DIR runs one case per WAV', async () => {
    await using dir = await tempDir();
    await mkdir(join(dir.path, 'calls'));
    await copyFile(join(FIXTURES, 'booking-16k.wav'), join(dir.path, 'calls', 'booking.wav'));
    const result = await voxd(['replay', AGENT, '--fixtures', 'calls', '--no-wav'], {
      cwd: dir.path,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^pass {2}booking$/m);
  });
});
