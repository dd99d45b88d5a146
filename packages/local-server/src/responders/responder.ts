import type { Rng } from '../rng.js';
import type { WireItem } from '../session/conversation.js';

/** A function tool the response may call (from the session or the response overrides). */
export interface FunctionTool {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: unknown;
}

/** Everything a responder may look at to decide one response. */
export interface ResponderTurn {
  /** The context of this response, oldest first (the conversation, or `input_items`). */
  readonly items: readonly WireItem[];
  /** Decoded audio of the latest user audio turn, when the last user item is one. */
  readonly userAudio?: { readonly samples: Int16Array; readonly sampleRate: number };
  /** Transcript of the latest user turn, when known (text input or a transcription). */
  readonly userTranscript?: string;
  readonly instructions: string;
  readonly tools: readonly FunctionTool[];
  /** `auto`, `none`, `required` or `{type: 'function', name}`. */
  readonly toolChoice: unknown;
  /** Sample rate of the audio a responder returns. */
  readonly outputSampleRate: number;
  /** Seeded per response: the same seed makes the same choices. */
  readonly rng: Rng;
}

/** What the assistant does in one response. */
export type ResponsePlan =
  /** Speak (or write) `text`. `audio` at `outputSampleRate`; absent means synthesize `text`. */
  | { readonly kind: 'say'; readonly text: string; readonly audio?: Int16Array }
  /** Call a function; `arguments` is JSON text. */
  | { readonly kind: 'call'; readonly name: string; readonly arguments: string }
  /** Fail the response with a server error. */
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

/**
 * Decides what the assistant says. Responders hold no socket and no timers: the session runs the
 * event sequence and the pacing around their answer.
 */
export interface Responder {
  readonly kind: string;
  respond(turn: ResponderTurn): Promise<ResponsePlan>;
  /** The transcript the next user turn should get, when the responder knows it (scripts). */
  nextUserTranscript?(): string | undefined;
}
