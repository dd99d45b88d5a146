import { z } from 'zod';

const ms = z.number().int().min(0);
const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, . _ - (a file name and a JUnit name)');

/** A WAV file, or a span of one (`from_ms`..`to_ms` of its audio). */
const wavSpan = z.strictObject({
  wav: z.string().min(1),
  from_ms: ms.optional(),
  to_ms: ms.optional(),
});

const turn = wavSpan.extend({
  /** Silence after this turn, before the next one. @default 1500 */
  pause_after_ms: ms.optional(),
});

const bargeIn = wavSpan
  .extend({
    /** Start at this time on the input timeline (after the turns, if they run longer). */
    at_ms: ms.optional(),
    /** Start this long after the assistant starts playing its answer to the last turn. */
    after_assistant_starts_ms: ms.optional(),
  })
  .refine((b) => (b.at_ms === undefined) !== (b.after_assistant_starts_ms === undefined), {
    message: 'a barge-in needs exactly one of at_ms, after_assistant_starts_ms',
  });

const input = z.union([
  z.string().min(1),
  z.strictObject({
    /** One WAV (or `turns`), optionally a span of it. */
    wav: z.string().min(1).optional(),
    from_ms: ms.optional(),
    to_ms: ms.optional(),
    turns: z.array(turn).min(1).optional(),
    barge_in: bargeIn.optional(),
    leading_silence_ms: ms.optional(),
    /** Silence after the last audio so server VAD can end the turn. @default 1500 */
    trailing_silence_ms: ms.optional(),
    /** Frame length of the source. @default 20 */
    frame_ms: z.number().int().min(10).max(100).optional(),
  }),
]);

const scriptTurn = z
  .strictObject({
    say: z.string().optional(),
    call: z
      .strictObject({
        name: z.string().min(1),
        arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
      })
      .optional(),
    error: z.strictObject({ code: z.string().min(1), message: z.string() }).optional(),
    /** The user's words for the turn this entry answers (input transcription). */
    transcript: z.string().optional(),
  })
  .refine((t) => [t.say, t.call, t.error].filter((v) => v !== undefined).length === 1, {
    message: 'each script turn needs exactly one of say, call, error',
  });

const server = z.strictObject({
  /** `embedded` (default): the local server on a virtual clock; deterministic. */
  type: z.literal('embedded').optional(),
  responder: z.enum(['tts', 'echo', 'tone']).optional(),
  /** The assistant's turns, in order (one per response); replaces `responder`. */
  script: z.array(scriptTurn).min(1).optional(),
  /** A script file (YAML list or JSONL), relative to the suite. */
  script_file: z.string().min(1).optional(),
  seed: z.number().int().min(0).optional(),
  /** Latency model: virtual ms from `response.created` to the response's events reaching voxd. */
  first_audio_ms: ms.optional(),
  /** Uniform extra latency in [0, jitter_ms), from the case's seed. */
  jitter_ms: ms.optional(),
  faults: z
    .strictObject({
      /** Drop the socket after this many server events (voxd reconnects). */
      drop_after_events: z.number().int().min(1).optional(),
      /** Every Nth response fails with a server `error`. */
      error_every: z.number().int().min(1).optional(),
      /** Refuse the first N upgrades with HTTP 503 (voxd retries). */
      refuse_upgrades: z.number().int().min(1).optional(),
      rate_limits: z.boolean().optional(),
    })
    .optional(),
});

/** What a tool stub answers instead of the agent's real tool. */
const stub = z.union([
  z.strictObject({ result: z.unknown() }),
  z.strictObject({ error: z.string().min(1) }),
]);

const range = z.strictObject({
  min: z.number().min(0).optional(),
  max: z.number().min(0).optional(),
});
const budget = z.strictObject({
  max: z.number().min(0).optional(),
  p50: z.number().min(0).optional(),
  p95: z.number().min(0).optional(),
});
const textCheck = z.strictObject({
  contains: z.union([z.string(), z.array(z.string())]).optional(),
  matches: z.string().optional(),
  not_contains: z.union([z.string(), z.array(z.string())]).optional(),
});

const toolCall = z.strictObject({
  name: z.string().min(1),
  /** A JSON subset the call's arguments must contain. */
  args: z.record(z.string(), z.unknown()).optional(),
  /** A regular expression over the arguments' JSON text. */
  args_matches: z.string().optional(),
});

const expectBlock = z.strictObject({
  /** Session event types in this order; others may come between. `*` matches within a name. */
  events: z.array(z.string().min(1)).optional(),
  /** Event types that must not occur at all. */
  no_events: z.array(z.string().min(1)).optional(),
  /** User turns committed: a number or `{ min, max }`. */
  turns: z.union([z.number().int().min(0), range]).optional(),
  interrupted: z.boolean().optional(),
  transcripts: z
    .strictObject({ user: textCheck.optional(), assistant: textCheck.optional() })
    .optional(),
  /** Tools run, in this order (others may come between). */
  tools: z.array(toolCall).optional(),
  tools_not_called: z.array(z.string().min(1)).optional(),
  /** Calls cut by a barge-in (never run), by name. */
  tools_dropped: z.array(z.string().min(1)).optional(),
  latency: z
    .strictObject({
      /** User speech stopped → first assistant audio, per turn (virtual ms). */
      turn_ms: budget.optional(),
      /** Response started → its first audio. */
      first_audio_ms: budget.optional(),
      /** User speech started → last assistant sample played, per barge-in. */
      barge_in_stop_ms: budget.optional(),
      /** |truncate audio_end_ms − what the sink played of the item|, per barge-in. */
      truncation_error_ms: budget.optional(),
    })
    .optional(),
  audio: z
    .strictObject({
      /** Every reply played has sound in it (RMS above −50 dBFS). */
      non_silent: z.boolean().optional(),
      /** Assistant audio played in total. */
      duration_ms: range.optional(),
      /** No assistant sample of an interrupted response is played after its interruption. */
      no_talk_over: z.boolean().optional(),
      /** Longest silence allowed between samples inside one reply. */
      max_gap_ms: z.number().min(0).optional(),
    })
    .optional(),
});

const repeat = z.union([
  z.number().int().min(1),
  z.strictObject({ runs: z.number().int().min(1), min_passes: z.number().int().min(1).optional() }),
]);

const caseSchema = z.strictObject({
  name,
  description: z.string().optional(),
  /** The agent file of this case (relative to the suite); default: the suite's. */
  agent: z.string().min(1).optional(),
  input,
  server: server.optional(),
  stubs: z.record(z.string(), stub).optional(),
  expect: expectBlock.optional(),
  repeat: repeat.optional(),
  /** Compare with (and write) a golden event log. @default true */
  golden: z.boolean().optional(),
  /** Longest the case may last on the virtual clock. @default 300000 */
  max_duration_ms: z.number().int().min(1000).optional(),
});

/** A replay suite file: an agent, defaults for every case, and the cases. */
export const suiteSchema = z.strictObject({
  /** The agent file the cases run (relative to the suite). */
  agent: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Defaults every case's `server` is merged over. */
  server: server.optional(),
  stubs: z.record(z.string(), stub).optional(),
  cases: z.array(caseSchema).min(1, 'a suite needs at least one case'),
});

export type SuiteFile = z.output<typeof suiteSchema>;
export type CaseFile = z.output<typeof caseSchema>;
export type ServerSpec = z.output<typeof server>;
export type ExpectSpec = z.output<typeof expectBlock>;
export type Budget = z.output<typeof budget>;
export type Range = z.output<typeof range>;
export type TextCheck = z.output<typeof textCheck>;
export type StubSpec = z.output<typeof stub>;
export type InputSpec = z.output<typeof input>;
export type WavSpan = z.output<typeof wavSpan>;
