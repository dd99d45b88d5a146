import type { AudioSource, SourcePluginDescriptor } from '@voxd/core';
import { z } from 'zod';

import { AgentRuntimeError } from './agent-runtime-error.js';

/** `source: { type: gateway, … }`: the agent serves Voice Live clients over WebSocket. */
export const gatewaySourceOptionsSchema = z.strictObject({
  /** @default '127.0.0.1' */
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. @default 8765 */
  port: z.coerce.number().int().min(0).max(65_535).default(8765),
  /** The upgrade path, e.g. `/voice-live/realtime`. @default both Voice Live paths */
  path: z.string().startsWith('/').optional(),
  /**
   * Client API keys. Empty strings are ignored, so `["${VOXD_GATEWAY_KEY:-}"]` works with the
   * variable unset: with no key and no token the daemon generates a random key and prints it.
   */
  api_keys: z.array(z.string()).default([]),
  bearer_tokens: z.array(z.string()).default([]),
  /** Top-level session fields a client's `session.update` may change. @default [] */
  allow_client_session_fields: z.array(z.string().min(1)).default([]),
});

export type GatewaySourceOptions = z.output<typeof gatewaySourceOptionsSchema>;

/**
 * The `gateway` source type. It is not an audio source: the daemon runs a gateway agent as a
 * WebSocket server (one session per client), so `create` is never called by it and refuses to
 * run where a single audio stream is expected (`voxd run`).
 */
export const gatewaySourcePlugin: SourcePluginDescriptor<GatewaySourceOptions> = {
  kind: 'gateway',
  options: gatewaySourceOptionsSchema,
  create(): AudioSource {
    throw new AgentRuntimeError(
      'E_AGENT_GATEWAY_SOURCE',
      'source type "gateway" serves many clients: run this agent with `voxd daemon`',
    );
  },
};
