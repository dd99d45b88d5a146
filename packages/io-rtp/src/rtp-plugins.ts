import type { PluginContext, SinkPluginDescriptor, SourcePluginDescriptor } from '@voxd/core';

import type { RtpChannel } from './rtp-channel.js';
import { createRtpChannel } from './rtp-channel.js';
import {
  rtpSinkOptionsSchema,
  rtpSourceOptionsSchema,
  toRtpSinkOptions,
  toRtpSourceOptions,
} from './rtp-options.js';
import type { RtpSinkParsedOptions, RtpSourceParsedOptions } from './rtp-options.js';
import { createRtpSink } from './rtp-sink.js';
import type { RtpSink } from './rtp-sink.js';
import { createRtpSource } from './rtp-source.js';
import type { RtpSource } from './rtp-source.js';

export interface RtpSourcePluginDescriptor extends SourcePluginDescriptor<RtpSourceParsedOptions> {
  readonly kind: 'rtp';
  create(options: RtpSourceParsedOptions, ctx: PluginContext): RtpSource;
}

export interface RtpSinkPluginDescriptor extends SinkPluginDescriptor<RtpSinkParsedOptions> {
  readonly kind: 'rtp';
  create(options: RtpSinkParsedOptions, ctx: PluginContext): RtpSink;
}

/** The `rtp` source and sink descriptors, sharing one call per session. */
export interface RtpPlugins {
  readonly source: RtpSourcePluginDescriptor;
  readonly sink: RtpSinkPluginDescriptor;
}

/**
 * Creates the `rtp` source and sink descriptors as a pair. An app assembles a session's source and
 * sink with one `PluginContext`; the pair uses it to join them into one call: the sink replies
 * from the source's socket to the caller's address, in the caller's codec, and in the source's
 * session format unless told otherwise. Register both from one call of this function.
 */
export function createRtpPlugins(): RtpPlugins {
  const calls = new WeakMap<
    PluginContext,
    { channel: RtpChannel; options: RtpSourceParsedOptions }
  >();
  return {
    source: {
      kind: 'rtp',
      options: rtpSourceOptionsSchema,
      create(options, ctx) {
        const channel = createRtpChannel();
        calls.set(ctx, { channel, options });
        return createRtpSource(toRtpSourceOptions(options), ctx, channel);
      },
    },
    sink: {
      kind: 'rtp',
      options: rtpSinkOptionsSchema,
      create(options, ctx) {
        const call = calls.get(ctx);
        return createRtpSink(toRtpSinkOptions(options, call?.options), ctx, call?.channel);
      },
    },
  };
}
