// Plugin descriptors for config tests: real option schemas and real file checks; `create` is never
// called by config (it only validates), so it refuses loudly.
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import type {
  PluginRegistry,
  SessionPluginDescriptor,
  SinkPluginDescriptor,
  SourcePluginDescriptor,
} from '@voxd/core';
import { afterAll } from 'vitest';
import { z } from 'zod';

function notCreatedByConfig(): never {
  throw new Error('config tests never create plugins');
}

export const fileSource: SourcePluginDescriptor<{ path: string; pace: 'realtime' | 'asap' }> = {
  kind: 'file',
  options: z.strictObject({
    path: z.string().min(1),
    pace: z.enum(['realtime', 'asap']).default('realtime'),
  }),
  create: notCreatedByConfig,
  async validate(options, ctx) {
    try {
      await access(resolve(ctx.baseDir, options.path), constants.R_OK);
      return [];
    } catch {
      return [
        {
          path: ['path'],
          message: `${options.path} does not exist or is not readable`,
          hint: 'paths are relative to the agent file',
        },
      ];
    }
  },
};

export const toneSource: SourcePluginDescriptor<{ frequency_hz: number }> = {
  kind: 'tone',
  options: z.strictObject({ frequency_hz: z.number().positive().default(440) }),
  create: notCreatedByConfig,
};

export const fileSink: SinkPluginDescriptor<{ path: string }> = {
  kind: 'file',
  options: z.strictObject({ path: z.string().min(1) }),
  create: notCreatedByConfig,
};

export const transcriptPlugin: SessionPluginDescriptor<{ path: string; include_audio: boolean }> = {
  kind: 'transcript',
  options: z.strictObject({ path: z.string(), include_audio: z.boolean().default(false) }),
  create: notCreatedByConfig,
};

export const testRegistry: PluginRegistry = {
  sources: [fileSource, toneSource],
  sinks: [fileSink],
  plugins: [transcriptPlugin],
};

const created: string[] = [];
// Registered in every test file that imports this helper: its temp folders go when it finishes.
afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp folder with `files` (relative path → content) written into it; removed after the file's tests. */
export async function tempFolder(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'voxd-config-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}
