import { sessionConfigSchema } from '@voxd/protocol';

/**
 * What the gateway does with one top-level field of a client's `session.update`:
 * - `allow`: the client's value wins (for `tools`: the client's tools are added after the agent's,
 *   which always stay);
 * - `keep`: the agent's value stays; the client's is dropped (logged once per session, counted),
 *   and `session.updated` shows the effective value, as the service does for what it ignores;
 * - `reject`: the whole update is refused with an `error` (`session_field_not_allowed`).
 */
export type FieldPolicy = (typeof FIELD_POLICIES)[number];

/** Every policy, in the order the docs list them. */
export const FIELD_POLICIES = ['allow', 'keep', 'reject'] as const;

/**
 * Fields that describe the client's own audio: the client's to choose, always accepted (the
 * upstream decodes and encodes in these formats, and the gateway meters audio by them). A policy
 * cannot keep or reject them: the client would then send audio the session misreads.
 */
export const CLIENT_AUDIO_FIELDS: ReadonlySet<string> = new Set([
  'modalities',
  'input_audio_format',
  'input_audio_sampling_rate',
  'output_audio_format',
]);

/**
 * The built-in policy of each policy field (every other session field of reference §4.2 but
 * `model`, which the connection fixes). Chosen so that every stock client holds a conversation
 * while the agent's instructions, voice, tools and model settings hold: what shapes how the client
 * drives and shows the conversation is the client's; what shapes what the agent says is the agent's.
 */
export const DEFAULT_FIELD_POLICIES: Readonly<Record<string, FieldPolicy>> = {
  // The agent's: what it says, how it sounds, what it may do, and what it costs.
  instructions: 'keep',
  voice: 'keep',
  tool_choice: 'keep',
  temperature: 'keep',
  max_response_output_tokens: 'keep',
  reasoning_effort: 'keep',
  interim_response: 'keep',
  avatar: 'keep',
  animation: 'keep',
  metadata: 'keep',
  model: 'keep',
  // The client's: how it takes turns (push-to-talk clients set `null` and commit themselves), its
  // microphone's environment, and what it displays.
  turn_detection: 'allow',
  input_audio_noise_reduction: 'allow',
  input_audio_echo_cancellation: 'allow',
  input_audio_transcription: 'allow',
  output_audio_timestamp_types: 'allow',
  include: 'allow',
  // Merged: the agent's tools always stay, a client doing its own function calling adds its own.
  tools: 'allow',
};

/** The policy of fields voxd does not know (newer than its protocol package): the agent's stay. */
export const UNKNOWN_FIELD_POLICY: FieldPolicy = 'keep';

/** Every top-level session field the protocol package knows (§4.2), in its order. */
export const KNOWN_SESSION_FIELDS: readonly string[] = Object.keys(sessionConfigSchema.shape);

/** A resolved policy: the built-in defaults with the agent's overrides applied. */
export interface SessionFieldPolicy {
  /** The policy of `field` (`allow` for the client's audio fields). */
  of(field: string): FieldPolicy;
}

/**
 * The policy of a gateway agent: `overrides` (field → policy) over the built-in defaults. Callers
 * validate field names and values first (the daemon's config schema does, with file:line errors).
 */
export function createSessionFieldPolicy(
  overrides: Readonly<Record<string, FieldPolicy>> = {},
): SessionFieldPolicy {
  const table = new Map<string, FieldPolicy>(Object.entries(DEFAULT_FIELD_POLICIES));
  for (const [field, policy] of Object.entries(overrides)) table.set(field, policy);
  return {
    of: (field) =>
      CLIENT_AUDIO_FIELDS.has(field) ? 'allow' : (table.get(field) ?? UNKNOWN_FIELD_POLICY),
  };
}

/**
 * Why `overrides` cannot be used, or `undefined` when it can: a value that is not a policy, or a
 * client audio field set to anything but `allow`.
 */
export function sessionFieldPolicyProblem(
  overrides: Readonly<Record<string, unknown>>,
): { readonly field: string; readonly message: string } | undefined {
  for (const [field, policy] of Object.entries(overrides)) {
    if (!FIELD_POLICIES.includes(policy as FieldPolicy)) {
      return {
        field,
        message: `must be one of ${FIELD_POLICIES.join(', ')}, got ${JSON.stringify(policy)}`,
      };
    }
    if (CLIENT_AUDIO_FIELDS.has(field) && policy !== 'allow') {
      return {
        field,
        message: `describes the client's own audio: it is always the client's (only allow)`,
      };
    }
  }
  return undefined;
}
