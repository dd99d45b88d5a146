// Third-party plugins named in agent files by npm package or ./path, loaded with the daemon's real
// loader from real package folders. The folders live under this package's node_modules so the
// packages' own `import { z } from 'zod'` resolves up the folders, as in a user's project.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { loadPluginPackage } from '@voxd/plugins';
import { asyncScheduler } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';

import { ConfigError } from '../src/config-error.js';
import type { ConfigIssue } from '../src/config-error.js';
import { loadAgent } from '../src/load-agent-config.js';
import { testRegistry } from './test-registry.js';

const ROOT = join(import.meta.dirname, '..', 'node_modules', '.voxd-test-packages');
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A project folder: `packages` installed in its node_modules, `files` written at its root. */
async function project(
  packages: Record<string, string>,
  files: Record<string, string>,
): Promise<string> {
  await mkdir(ROOT, { recursive: true });
  const dir = await mkdtemp(join(ROOT, 'project-'));
  made.push(dir);
  for (const [name, index] of Object.entries(packages)) {
    const root = join(dir, 'node_modules', name);
    await mkdir(root, { recursive: true });
    await writeFile(
      join(root, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', type: 'module', exports: { '.': './index.js' } }),
    );
    await writeFile(join(root, 'index.js'), index);
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const GREETER = `
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
export const voxdPlugin = {
  kind: 'greeter',
  options: z.strictObject({ greeting: z.string().default('hello'), script: z.string().optional() }),
  async validate(options, ctx) {
    if (options.script === undefined) return [];
    try { await access(resolve(ctx.baseDir, options.script)); return []; }
    catch { return [{ path: ['script'], message: options.script + ' does not exist' }]; }
  },
  create: (options, ctx) => ({ name: 'greeter', tools: [{
    name: 'greet', parameters: { type: 'object' },
    handler: async () => options.greeting + ' from ' + ctx.agentName,
  }] }),
};
`;

const HEAD = 'name: helper\nconnection: { endpoint: local, model: m }\nplugins:\n';

async function load(dir: string, file = 'agent.yaml') {
  return loadAgent(join(dir, file), {
    env: {},
    registry: testRegistry,
    loadPlugin: loadPluginPackage,
  });
}

async function issuesOf(dir: string, file = 'agent.yaml'): Promise<ConfigError> {
  const error: unknown = await load(dir, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

const brief = (issues: readonly ConfigIssue[]): string[] =>
  issues.map((i) => `${i.code} ${i.line}:${i.column} ${i.path} ${i.message}`);

describe('third-party plugins in agent files', () => {
  it('loads a package named in `plugins`, validates its options and creates it like a built-in', async () => {
    const dir = await project(
      { 'voxd-plugin-greeter': GREETER },
      {
        'agents/agent.yaml': `${HEAD}  - type: transcript\n    path: t.jsonl\n  - type: voxd-plugin-greeter\n    greeting: hi\n`,
      },
    );
    const { config, registry } = await load(dir, 'agents/agent.yaml');
    expect(config.plugins).toEqual([
      { type: 'transcript', options: { path: 't.jsonl', include_audio: false } },
      { type: 'voxd-plugin-greeter', options: { greeting: 'hi' } },
    ]);
    expect(registry.plugins.map((d) => d.kind)).toEqual(['transcript', 'voxd-plugin-greeter']);
    // The app's registry is not changed: each file gets its own.
    expect(testRegistry.plugins.map((d) => d.kind)).toEqual(['transcript']);
    const descriptor = registry.plugins[1];
    const plugin = descriptor?.create(config.plugins[1]?.options, {
      agentName: config.name,
      baseDir: config.baseDir,
      scheduler: asyncScheduler,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const signal = new AbortController().signal;
    expect(await plugin?.tools?.[0]?.handler({}, { callId: 'c1', signal })).toBe('hi from helper');
  });

  it("reports the package's option problems and its validate hook at the line of the option", async () => {
    const dir = await project(
      { '@acme/voxd-greeter': GREETER },
      {
        'agent.yaml': `${HEAD}  - type: "@acme/voxd-greeter"\n    greting: hi\n  - type: "@acme/voxd-greeter"\n    script: missing.txt\n`,
      },
    );
    const error = await issuesOf(dir);
    expect(brief(error.issues)).toEqual([
      'E_CONFIG_INVALID 5:5 plugins[0].greting unknown field "greting"',
      'E_CONFIG_INVALID 7:13 plugins[1].script missing.txt does not exist',
    ]);
    expect(error.issues[0]?.hint).toBe('did you mean "greeting"?');
  });

  it('loads a module named by a path relative to the agent file', async () => {
    const dir = await project(
      { 'voxd-plugin-greeter': GREETER },
      {
        'agents/local-plugin.js': `export { voxdPlugin as default } from 'voxd-plugin-greeter';\n`,
        'agents/agent.yaml': `${HEAD}  - type: ./local-plugin.js\n`,
      },
    );
    const { config, registry } = await load(dir, 'agents/agent.yaml');
    expect(config.plugins).toEqual([{ type: './local-plugin.js', options: { greeting: 'hello' } }]);
    expect(registry.plugins.map((d) => d.kind)).toContain('./local-plugin.js');
  });

  it('says a scoped package or a path is not installed, once, at its `type`', async () => {
    const dir = await project(
      {},
      {
        'agent.yaml': `${HEAD}  - type: "@acme/voxd-tools"\n    url: x\n  - type: ./nowhere.js\n  - type: "@acme/voxd-tools"\n`,
      },
    );
    const error = await issuesOf(dir);
    expect(error.code).toBe('E_CONFIG_PLUGIN');
    expect(brief(error.issues)).toEqual([
      expect.stringMatching(
        /^E_CONFIG_PLUGIN 4:11 plugins\[0]\.type package "@acme\/voxd-tools" is not installed where .* can import it/,
      ),
      expect.stringMatching(
        /^E_CONFIG_PLUGIN 6:11 plugins\[1]\.type module "\.\/nowhere\.js" does not exist \(/,
      ),
    ]);
    expect(error.issues[0]?.hint).toBe(
      "a package resolves like an import in the agent file's folder would: node_modules there or in a folder above",
    );
    expect(error.issues[1]?.hint).toBe(`a path resolves against the agent file's folder (${dir})`);
  });

  it('treats an uninstalled bare name as a mistyped built-in', async () => {
    const dir = await project({}, { 'agent.yaml': `${HEAD}  - type: trancript\n    path: t\n` });
    const error = await issuesOf(dir);
    expect(brief(error.issues)).toEqual([
      'E_CONFIG_INVALID 4:11 plugins[0].type unknown plugin type "trancript"',
    ]);
    expect(error.issues[0]?.hint).toMatch(/^did you mean "transcript"\? \(known plugin types/);
  });

  it('says what is wrong with a package that does not load or exports no descriptor', async () => {
    const dir = await project(
      {
        'voxd-plugin-broken': `throw new Error('needs FOO_TOKEN');\n`,
        'voxd-plugin-empty': `export const helper = 1;\n`,
      },
      { 'agent.yaml': `${HEAD}  - type: voxd-plugin-broken\n  - type: voxd-plugin-empty\n` },
    );
    const error = await issuesOf(dir);
    expect(brief(error.issues)).toEqual([
      'E_CONFIG_PLUGIN 4:11 plugins[0].type plugin package "voxd-plugin-broken" failed to load: needs FOO_TOKEN',
      'E_CONFIG_PLUGIN 5:11 plugins[1].type plugin package "voxd-plugin-empty" does not export a plugin descriptor as voxdPlugin or default: found undefined',
    ]);
    // One hint fits both: the first threw while importing, the second imported but exports nothing.
    for (const issue of error.issues)
      expect(issue.hint).toBe(
        'a plugin module must import without throwing and export a descriptor { kind, options (a zod schema), create } as `voxdPlugin` or default',
      );
  });

  it('without a loader, a package name is an unknown type with a hint on third-party plugins', async () => {
    const dir = await project(
      { 'voxd-plugin-greeter': GREETER },
      { 'agent.yaml': `${HEAD}  - type: voxd-plugin-greeter\n` },
    );
    const error: unknown = await loadAgent(join(dir, 'agent.yaml'), {
      env: {},
      registry: testRegistry,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const [issue] = (error as ConfigError).issues;
    expect(issue?.message).toBe('unknown plugin type "voxd-plugin-greeter"');
    expect(issue?.hint).toMatch(/or a third-party plugin: its npm package name/);
  });
});
