import type { Transcriber } from '../engines.js';
import type { InputBuffer } from './input-buffer.js';
import type { ResponseHandle } from './response-run.js';
import type { SessionContext } from './session-context.js';
import type { WireAudioFormat } from './wire-audio.js';

/** How a response was asked for: by a client event, or by the VAD after a turn. */
export interface ResponseTrigger {
  readonly source: 'client' | 'vad';
  readonly eventId?: string;
  readonly additionalInstructions?: string;
}

/** A session's live state, shared by its event handlers. */
export interface SessionRuntime extends SessionContext {
  readonly input: InputBuffer;
  readonly transcriber: Transcriber | undefined;
  /** Transcripts of committed user audio items, by item id (they may still be running). */
  readonly transcripts: Map<string, Promise<string | undefined>>;
  active: ResponseHandle | undefined;
  /** A VAD turn asked for a response while another ran (interrupt_response false): start it next. */
  queuedAutoResponse: boolean;
  /** The id the user item of the speech in progress will get (announced in speech_started). */
  pendingUserItemId: string | undefined;
  /** Transcriptions still running (their events are yet to be sent). */
  pendingTranscriptions: number;
  inputFormat(): WireAudioFormat;
  /** Server-wide response counter, for `faults.errorEvery`. */
  nextResponseOrdinal(): number;
  createResponse(overrides: Record<string, unknown>, trigger: ResponseTrigger): void;
}

/** The `turn_detection` object, or undefined when VAD is off. */
export function turnDetection(runtime: SessionRuntime): Record<string, unknown> | undefined {
  const td = runtime.session['turn_detection'];
  return typeof td === 'object' && td !== null ? (td as Record<string, unknown>) : undefined;
}
