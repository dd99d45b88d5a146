import { resolve } from 'node:path';

import { WavError } from '@voxd/audio';
import type { PluginContext, PluginOptionIssue, SourcePluginDescriptor } from '@voxd/core';

import { readWavInfo } from './read-wav-info.js';
import { WavIoError } from './wav-io-error.js';
import { toWavSourceOptions, wavSourceOptionsSchema } from './wav-source-options.js';
import type { WavSourceParsedOptions } from './wav-source-options.js';
import { createWavSource } from './wav-source.js';
import type { WavSource } from './wav-source.js';

/** The WAV source descriptor: `create` returns the concrete {@link WavSource}. */
export interface WavSourcePluginDescriptor extends SourcePluginDescriptor<WavSourceParsedOptions> {
  readonly kind: 'wav';
  create(options: WavSourceParsedOptions, ctx: PluginContext): WavSource;
}

const CONVERT_HINT =
  'convert with: sox in.wav -r 24000 -c 1 -b 16 -e signed-integer out.wav (or -r 8000 -e u-law for telephony)';

/**
 * `source: { type: wav, path, pace, frame_ms, leading_silence_ms, trailing_silence_ms, loop }`.
 * `validate` reads the file's header (asynchronously) and reports a missing, unreadable,
 * corrupt or unsupported file as an issue at `path`.
 */
export const wavSourcePlugin: WavSourcePluginDescriptor = {
  kind: 'wav',
  options: wavSourceOptionsSchema,
  create: (options, ctx) => createWavSource(toWavSourceOptions(options), ctx),
  async validate(options, ctx) {
    try {
      await readWavInfo(resolve(ctx.baseDir, options.path), options.path);
      return [];
    } catch (error) {
      return [issueOf(error)];
    }
  },
};

function issueOf(error: unknown): PluginOptionIssue {
  if (error instanceof WavError) {
    const hint = error.code === 'E_WAV_UNSUPPORTED' ? { hint: CONVERT_HINT } : {};
    return { path: ['path'], message: error.message, ...hint };
  }
  if (error instanceof WavIoError) return { path: ['path'], message: error.message };
  throw error;
}
