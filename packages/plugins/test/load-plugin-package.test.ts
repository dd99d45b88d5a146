import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadPluginPackage } from '../src/load-plugin-package.js';
import { pluginContext, tempDir } from './support.js';

/** Writes node_modules/<name> with `files` (ESM, `exports` with only an `import` condition). */
async function installPackage(root: string, name: string, index: string): Promise<void> {
  const dir = join(root, 'node_modules', name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({
      name,
      version: '1.0.0',
      type: 'module',
      exports: { '.': { import: './index.js' } },
    }),
  );
  await writeFile(join(dir, 'index.js'), index);
}

// The descriptor's options only need zod's `safeParse`; a real zod schema is what authors write.
const GOOD = `
import { z } from 'zod';
export const voxdPlugin = {
  kind: 'greeter',
  options: z.object({ greeting: z.string().default('hello') }).strict(),
  create: (options, ctx) => ({ name: 'greeter', tools: [{
    name: 'greet', parameters: { type: 'object' },
    handler: async () => options.greeting + ' from ' + ctx.agentName,
  }] }),
};
`;

describe('loadPluginPackage', () => {
  it('loads the voxdPlugin (or default) export of a package installed next to the agent', async () => {
    const root = await tempDir('pkg');
    await installPackage(root, 'voxd-plugin-greeter', GOOD);
    await installPackage(
      root,
      '@acme/voxd-default',
      `export default { kind: 'acme', options: { safeParse() {} }, create() { return { name: 'acme' }; } };`,
    );
    const agentDir = join(root, 'agents', 'nested');
    await mkdir(agentDir, { recursive: true });

    const greeter = await loadPluginPackage('voxd-plugin-greeter', agentDir).catch(
      (error: unknown) => error,
    );
    // Nothing above the temp folder provides zod: a package whose import fails is reported as such.
    expect(greeter).toMatchObject({
      code: 'E_PLUGIN_INVALID',
      message: expect.stringMatching(/voxd-plugin-greeter" failed to load: .*zod/),
    });

    const acme = await loadPluginPackage('@acme/voxd-default', agentDir);
    expect(acme.kind).toBe('acme');
    expect(acme.create({}, pluginContext(agentDir)).name).toBe('acme');
  });

  it('creates a working plugin from a package that imports its own dependencies', async () => {
    const root = join(import.meta.dirname, '..', 'node_modules', '.voxd-test-packages');
    await installPackage(root, 'voxd-plugin-greeter', GOOD);
    // Inside the workspace, zod resolves up the folders, as in a real project.
    const descriptor = await loadPluginPackage('voxd-plugin-greeter', root);
    const options: unknown = descriptor.options.parse({ greeting: 'hi' });
    const plugin = descriptor.create(options, pluginContext(root));
    const tool = plugin.tools?.[0];
    expect(await tool?.handler({}, { callId: 'c', signal: new AbortController().signal })).toBe(
      'hi from test agent',
    );
    expect(descriptor.options.safeParse({ greting: 'typo' }).success).toBe(false);
  });

  it('says what is wrong: not installed, not a descriptor', async () => {
    const root = await tempDir('pkg-bad');
    await installPackage(root, 'not-a-plugin', `export default { kind: 'x', create() {} };`);
    await installPackage(root, 'no-exports', `export const something = 1;`);
    await expect(loadPluginPackage('voxd-missing-plugin', root)).rejects.toMatchObject({
      code: 'E_PLUGIN_NOT_FOUND',
      message: `package "voxd-missing-plugin" is not installed where ${root} can import it (npm install voxd-missing-plugin)`,
    });
    await expect(loadPluginPackage('not-a-plugin', root)).rejects.toMatchObject({
      code: 'E_PLUGIN_INVALID',
      message:
        'plugin package "not-a-plugin" does not export a plugin descriptor as voxdPlugin or default: `options` must be a zod schema',
    });
    await expect(loadPluginPackage('no-exports', root)).rejects.toMatchObject({
      code: 'E_PLUGIN_INVALID',
      message: expect.stringMatching(/: found undefined$/),
    });
  });
});
