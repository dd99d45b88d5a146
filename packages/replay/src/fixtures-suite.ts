import { readdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';

import type { Suite, SuiteCase } from './load-suite.js';

/**
 * A suite made on the fly for `voxd replay AGENT.yaml --fixtures DIR`: one case per WAV in DIR,
 * each expected to run without a session error; no golden files (there is no suite file to put
 * them beside).
 */
export async function fixturesSuite(agentFile: string, dir: string): Promise<Suite> {
  const folder = resolve(dir);
  const wavs = (await readdir(folder)).filter((f) => extname(f).toLowerCase() === '.wav').sort();
  const cases = wavs.map((wav, index): SuiteCase => ({
    ok: true,
    name: basename(wav, extname(wav)).replace(/[^A-Za-z0-9._-]/g, '-'),
    index,
    agentFile: resolve(agentFile),
    spec: {
      name: wav,
      input: join(folder, wav),
      golden: false,
      expect: { no_events: ['session.error'] },
    },
    server: {},
    stubs: {},
    where: join(folder, wav),
  }));
  return { file: folder, dir: folder, name: basename(folder), cases };
}
