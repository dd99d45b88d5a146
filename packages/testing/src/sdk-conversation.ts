import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import { VoiceLiveClient } from '@azure/ai-voicelive';
import type { VoiceLiveSession } from '@azure/ai-voicelive';

/** One spoken turn held with the official `@azure/ai-voicelive` SDK. */
export interface SdkConversationOptions {
  /** The server's `http://host:port` URL, as the SDK takes it. */
  readonly url: string;
  readonly credential: KeyCredential | TokenCredential;
  /** PCM16 mono audio at the session's input rate (24 kHz by default): the user's turn. */
  readonly speech: Uint8Array;
  /** Bytes per `sendAudio` call; default 4800 (100 ms of 24 kHz PCM16). */
  readonly chunkBytes?: number;
  /** Default `gpt-realtime`. */
  readonly model?: string;
  /** Runs once `session.created` has arrived, before any audio (e.g. `session.updateSession`). */
  readonly beforeSpeech?: (session: VoiceLiveSession) => Promise<void>;
}

/** What the SDK delivered during the turn, for the test to assert on. */
export interface SdkConversation {
  /** From `session.created`. */
  readonly created: { readonly id: string; readonly instructions: string };
  /** `response.status` of the first `response.done`. */
  readonly status: string;
  /** Total bytes of `response.audio.delta` audio. */
  readonly audioBytes: number;
  /** The last `response.audio_transcript.done` transcript ('' if none arrived). */
  readonly transcript: string;
  /** The type of every server event, in arrival order. */
  readonly types: readonly string[];
  /** Every `onError` the SDK reported. */
  readonly errors: readonly unknown[];
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Connects the official SDK to `url`, waits for `session.created`, streams `speech` and resolves
 * once the answer's `response.done` arrives, then disconnects and disposes the session. What it
 * returns was recorded up to `response.done` (server events may trail it).
 * The SDK tunnels even loopback connections through a configured proxy (reference §1.4): callers
 * must clear `HTTP(S)_PROXY` in their test file first.
 *
 * @example
 * const turn = await holdSdkConversation({ url: server.url, credential: new AzureKeyCredential(key), speech });
 * expect(turn.status).toBe('completed');
 */
export async function holdSdkConversation(
  options: SdkConversationOptions,
): Promise<SdkConversation> {
  const chunkBytes = options.chunkBytes ?? 4800;
  const client = new VoiceLiveClient(options.url, options.credential);
  const session = client.createSession(options.model ?? 'gpt-realtime');
  const created = deferred<SdkConversation['created']>();
  const done = deferred<string>();
  const types: string[] = [];
  const errors: unknown[] = [];
  let audioBytes = 0;
  let transcript = '';
  session.subscribe({
    onSessionCreated: (event) => {
      created.resolve({
        id: event.session.id ?? '',
        instructions: event.session.instructions ?? '',
      });
      return Promise.resolve();
    },
    onResponseAudioDelta: (event) => {
      audioBytes += event.delta.length;
      return Promise.resolve();
    },
    onResponseAudioTranscriptDone: (event) => {
      transcript = event.transcript;
      return Promise.resolve();
    },
    onResponseDone: (event) => {
      done.resolve(event.response.status ?? '');
      return Promise.resolve();
    },
    onServerEvent: (event) => {
      types.push(event.type);
      return Promise.resolve();
    },
    onError: (args) => {
      errors.push(args);
      return Promise.resolve();
    },
  });
  let result: SdkConversation;
  try {
    await session.connect();
    const createdSession = await created.promise;
    await options.beforeSpeech?.(session);
    for (let offset = 0; offset < options.speech.length; offset += chunkBytes)
      await session.sendAudio(options.speech.subarray(offset, offset + chunkBytes));
    const status = await done.promise;
    result = {
      created: createdSession,
      status,
      audioBytes,
      transcript,
      types: [...types],
      errors: [...errors],
    };
  } catch (error) {
    // The first failure is the one to report; a failed disposal after it would only hide it.
    await session.dispose().catch(() => undefined);
    throw error;
  }
  await session.disconnect();
  await session.dispose();
  return result;
}
