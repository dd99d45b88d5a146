// A third-party plugin package, named in agent YAML by its npm name, through `voxd validate`,
// `voxd run` and `voxd daemon`. The project folder sits under this package's node_modules so the
// plugin's own `import { z } from 'zod'` resolves up the folders, as in a user's project.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { voxd } from './cli-harness.js';
import { agents, killDaemons, startDaemon, waitFor, writeWavAgent } from './daemon-harness.js';

const ROOT = join(import.meta.dirname, '..', 'node_modules', '.voxd-test-packages');
const made: string[] = [];
afterEach(killDaemons);
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

// A weather tool plus an event tap that appends each session event's type to a file.
const WEATHER_PLUGIN = `
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const voxdPlugin = {
  kind: 'acme-weather',
  options: z.strictObject({
    unit: z.enum(['celsius', 'fahrenheit']).default('celsius'),
    events_log: z.string(),
  }),
  create(options, ctx) {
    const log = resolve(ctx.baseDir, options.events_log);
    return {
      name: 'acme-weather',
      tools: [{
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        handler: async (args) => ({ city: args.city, temperature: 7, unit: options.unit }),
      }],
      tap: (events$) => events$.subscribe((event) => appendFileSync(log, event.type + '\\n')),
    };
  },
};
`;

/** A project with `@acme/voxd-weather` installed in its node_modules. */
async function project(): Promise<string> {
  await mkdir(ROOT, { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'daemon-'));
  made.push(dir);
  const pkg = join(dir, 'node_modules', '@acme', 'voxd-weather');
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({
      name: '@acme/voxd-weather',
      version: '1.0.0',
      type: 'module',
      exports: { '.': { import: './index.js' } },
    }),
  );
  await writeFile(join(pkg, 'index.js'), WEATHER_PLUGIN);
  return dir;
}

const PLUGIN_YAML = [
  'plugins:',
  '  - type: "@acme/voxd-weather"',
  '    unit: fahrenheit',
  '    events_log: events.log',
].join('\n');

describe('third-party plugins by npm package name', () => {
  it('voxd run loads the package next to the agent file and its tool answers the model', async () => {
    const dir = await project();
    await writeWavAgent(dir, 'weather', {
      pace: 'realtime',
      extra: `${PLUGIN_YAML}\n`,
    });
    // tool_choice: required makes the embedded server call the tool on the first turn.
    const file = join(dir, 'weather.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('session:\n', 'session:\n  tool_choice: required\n'));

    const result = await voxd(['run', 'weather.yaml'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/tool call get_weather\(\{"city":/);
    expect(result.stdout).toMatch(
      /tool get_weather returned in \d+ ms: \{"city":".*","temperature":7,"unit":"fahrenheit"\}/,
    );
    const events = (await readFile(join(dir, 'events.log'), 'utf8')).split('\n');
    expect(events).toEqual(
      expect.arrayContaining(['session.ready', 'tool.call', 'tool.result', 'session.closed']),
    );
  });

  it('voxd validate reports a package that is not installed at its line, exit 3', async () => {
    const dir = await project();
    await writeWavAgent(dir, 'missing', {
      extra: 'plugins:\n  - type: "@acme/voxd-missing"\n',
    });
    const result = await voxd(['validate', 'missing.yaml'], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `${join(dir, 'missing.yaml')}:14:11 plugins[0].type: package "@acme/voxd-missing" is not installed where ${dir} can import it (npm install @acme/voxd-missing)`,
    );

    await writeWavAgent(dir, 'ok', { extra: `${PLUGIN_YAML}\n` });
    const ok = await voxd(['validate', 'ok.yaml'], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('(agent ok)');
  });

  it('voxd daemon runs an agent with the plugin and it sees the session events', async () => {
    const dir = await project();
    await writeWavAgent(dir, 'weather', { extra: `${PLUGIN_YAML}\n` });
    const daemon = await startDaemon([dir], { cwd: dir });
    expect((await agents(daemon.adminUrl)).map((a) => a.name)).toEqual(['weather']);
    await waitFor(
      async () =>
        (await readFile(join(dir, 'events.log'), 'utf8').catch(() => '')).includes('turn.ended'),
      30_000,
      () => `no turn in events.log; stderr:\n${daemon.stderr()}`,
    );
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });
});
