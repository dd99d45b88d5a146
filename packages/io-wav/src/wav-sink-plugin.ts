import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import type { PluginContext, PluginOptionIssue, SinkPluginDescriptor } from '@voxd/core';

import { toWavSinkOptions, wavSinkOptionsSchema } from './wav-sink-options.js';
import type { WavSinkParsedOptions } from './wav-sink-options.js';
import { createWavSink } from './wav-sink.js';
import type { WavSink } from './wav-sink.js';

/** The WAV sink descriptor: `create` returns the concrete {@link WavSink}. */
export interface WavSinkPluginDescriptor extends SinkPluginDescriptor<WavSinkParsedOptions> {
  readonly kind: 'wav';
  create(options: WavSinkParsedOptions, ctx: PluginContext): WavSink;
}

/**
 * `sink: { type: wav, path, pace, format, mode }`. When `format` is left out, the app should fill
 * it in from the session's `output_audio_format` before `create`; otherwise it is `pcm16` (24 kHz).
 * `validate` checks that the file can be created (its folder exists and is writable, the path is
 * not a folder) without creating it.
 */
export const wavSinkPlugin: WavSinkPluginDescriptor = {
  kind: 'wav',
  options: wavSinkOptionsSchema,
  create: (options, ctx) => createWavSink(toWavSinkOptions(options), ctx),
  async validate(options, ctx) {
    const path = resolve(ctx.baseDir, options.path);
    const issue = (message: string): PluginOptionIssue[] => [
      { path: ['path'], message: `${options.path}: ${message}` },
    ];
    const target = await stat(path).catch(() => undefined);
    if (target?.isDirectory() === true) return issue('is a folder, not a file');
    const folder = dirname(path);
    const parent = await stat(folder).catch(() => undefined);
    if (parent === undefined) return issue(`folder ${dirname(options.path)} does not exist`);
    if (!parent.isDirectory()) return issue(`${dirname(options.path)} is not a folder`);
    const writable = await access(target === undefined ? folder : path, constants.W_OK).then(
      () => true,
      () => false,
    );
    return writable ? [] : issue('not writable');
  },
};
