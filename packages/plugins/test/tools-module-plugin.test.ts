import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { runTool } from '@voxd/core';
import type { ToolDefinition } from '@voxd/core';
import { asyncScheduler, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { toolsModulePlugin } from '../src/tools-module-plugin.js';
import { pluginContext, tempDir } from './support.js';

const TOOLS_MJS = `
export async function get_time(args, ctx) {
  return { zone: args.zone, callId: ctx.callId, aborted: ctx.signal.aborted };
}
export const shout = (args) => String(args.text).toUpperCase();
export const notAFunction = 42;
export function fails() { throw new Error('the calendar is down'); }
`;

async function agentDir(): Promise<string> {
  const dir = await tempDir('tools-module');
  await mkdir(join(dir, 'lib'));
  await writeFile(join(dir, 'lib', 'tools.mjs'), TOOLS_MJS);
  return dir;
}

function call(tool: ToolDefinition | undefined, args: unknown) {
  return firstValueFrom(
    runTool({
      tool,
      name: tool?.name ?? '?',
      callId: 'call_7',
      argumentsJson: JSON.stringify(args),
      defaultTimeoutMs: 10_000,
      scheduler: asyncScheduler,
    }),
  );
}

const parse = (raw: unknown) => toolsModulePlugin.options.parse(raw);

describe('tools-module plugin', () => {
  it('calls the exports of a module relative to the agent file, by name or by `export`', async () => {
    const baseDir = await agentDir();
    const options = parse({
      module: './lib/tools.mjs',
      tools: [
        { name: 'get_time', parameters: { type: 'object' } },
        { name: 'loud', export: 'shout', description: 'Shouts' },
        { name: 'fails' },
      ],
    });
    expect(await toolsModulePlugin.validate?.(options, { agentName: 'a', baseDir })).toEqual([]);
    const plugin = toolsModulePlugin.create(options, pluginContext(baseDir));
    const byName = new Map((plugin.tools ?? []).map((tool) => [tool.name, tool]));
    expect([...byName.keys()]).toEqual(['get_time', 'loud', 'fails']);
    expect(byName.get('loud')?.parameters).toEqual({ type: 'object', properties: {} });

    expect(await call(byName.get('get_time'), { zone: 'UTC' })).toEqual({
      ok: true,
      output: '{"zone":"UTC","callId":"call_7","aborted":false}',
      timedOut: false,
    });
    expect((await call(byName.get('loud'), { text: 'hi' })).output).toBe('HI');
    expect(await call(byName.get('fails'), {})).toMatchObject({
      ok: false,
      error: 'the calendar is down',
    });
  });

  it('reports a missing export or module at validate time, naming what exists', async () => {
    const baseDir = await agentDir();
    const ctx = { agentName: 'a', baseDir };
    const issues = await toolsModulePlugin.validate?.(
      parse({
        module: './lib/tools.mjs',
        tools: [{ name: 'get_time' }, { name: 'nope' }, { name: 'x', export: 'notAFunction' }],
      }),
      ctx,
    );
    const hint = 'exported functions: get_time, shout, fails';
    expect(issues).toEqual([
      {
        path: ['tools', 1, 'name'],
        message: 'tools module ./lib/tools.mjs has no export "nope"',
        hint,
      },
      {
        path: ['tools', 2, 'export'],
        message: 'export "notAFunction" of ./lib/tools.mjs is a number, not a function',
        hint,
      },
    ]);
    const missing = await toolsModulePlugin.validate?.(
      parse({ module: './lib/missing.mjs', tools: [{ name: 'a' }] }),
      ctx,
    );
    expect(missing).toEqual([
      {
        path: ['module'],
        message: expect.stringMatching(
          /^module "\.\/lib\/missing\.mjs" does not exist \(.*\/lib\/missing\.mjs\)$/,
        ),
      },
    ]);
    const notInstalled = await toolsModulePlugin.validate?.(
      parse({ module: 'voxd-no-such-package', tools: [{ name: 'a' }] }),
      ctx,
    );
    expect(notInstalled?.[0]?.message).toMatch(/package "voxd-no-such-package" is not installed/);
  });

  it('imports the module only when created, and a call on a broken module gets an error output', async () => {
    const baseDir = await agentDir();
    const options = parse({ module: './lib/absent.mjs', tools: [{ name: 'a' }] });
    const plugin = toolsModulePlugin.create(options, pluginContext(baseDir));
    const outcome = await call(plugin.tools?.[0], {});
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^module "\.\/lib\/absent\.mjs" does not exist/);
  });
});
