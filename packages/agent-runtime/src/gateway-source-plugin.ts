import type { AudioSource, SourcePluginDescriptor } from '@voxd/core';
import {
  CLIENT_AUDIO_FIELDS,
  DEFAULT_FIELD_POLICIES,
  FIELD_POLICIES,
  KNOWN_SESSION_FIELDS,
  UNKNOWN_FIELD_POLICY,
} from '@voxd/io-gateway';
import { z } from 'zod';

import { AgentRuntimeError } from './agent-runtime-error.js';

const POLICY_HINT = `allow (the client's value wins), keep (the agent's stays, the client's is dropped) or reject (the update is refused)`;

/**
 * One optional entry per session field voxd knows (an unknown name is an error, with a "did you
 * mean"); each described with its default for editors.
 */
const clientSessionFieldsSchema = z.strictObject(
  Object.fromEntries(
    KNOWN_SESSION_FIELDS.map((field) => [
      field,
      CLIENT_AUDIO_FIELDS.has(field)
        ? z
            .literal('allow')
            .optional()
            .describe("Describes the client's own audio: always the client's (only allow).")
        : z
            .enum(FIELD_POLICIES)
            .optional()
            .describe(
              `${POLICY_HINT}. Default: ${DEFAULT_FIELD_POLICIES[field] ?? UNKNOWN_FIELD_POLICY}.`,
            ),
    ]),
  ),
);

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
  /**
   * What a client's `session.update` may do to each session field: `allow` (the client's value
   * wins), `keep` (the agent's stays, the client's is dropped) or `reject` (the update is refused).
   * Fields left out follow the built-in defaults (io-gateway README); the client's audio fields
   * (`modalities`, `input_audio_format`, `input_audio_sampling_rate`, `output_audio_format`) are
   * always the client's.
   */
  client_session_fields: clientSessionFieldsSchema.default({}),
  /**
   * @deprecated Use `client_session_fields: { <field>: allow }`. Each field listed is `allow`;
   * the others follow `client_session_fields` and the defaults (they are no longer refused).
   */
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
