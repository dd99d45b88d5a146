import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import { VoiceLiveClient } from '@azure/ai-voicelive';
import type { RequestSession, ResponseSession } from '@azure/ai-voicelive';

/** A multi-turn spoken conversation held with the official `@azure/ai-voicelive` SDK. */
export interface SdkTurnsOptions {
  /** The server's `http://host:port` URL, as the SDK takes it. */
  readonly url: string;
  readonly credential: KeyCredential | TokenCredential;
  /** Default `gpt-realtime`. */
  readonly model?: string;
  /**
   * Sent with `session.updateSession` once `session.created` has arrived, as a stock client does;
   * the turns start after the `session.updated` (or `error`) that answers it.
   */
  readonly session?: RequestSession;
  /**
   * The user's turns, each its raw audio in the session's input format (speech and the silence
   * that ends it), sent one after the other: the next when the answer's `response.done` arrived.
   */
  readonly turns: readonly Uint8Array[];
  /** Bytes per `sendAudio` call; default 4800 (100 ms of 24 kHz PCM16). */
  readonly chunkBytes?: number;
}

/** One turn as the SDK delivered it. */
export interface SdkTurn {
  /** `response.status` of the answer's `response.done`. */
  readonly status: string;
  /** Bytes of `response.audio.delta` audio of the answer. */
  readonly audioBytes: number;
  /** The answer's `response.audio_transcript.done` transcript ('' if none arrived). */
  readonly transcript: string;
}

/** What the SDK delivered, for the test to assert on. */
export interface SdkTurnsResult {
  /** The session of `session.created`, as the SDK deserialised it. */
  readonly created: ResponseSession;
  /** The session of the `session.updated` answering `options.session` (undefined if none came). */
  readonly updated: ResponseSession | undefined;
  readonly turns: readonly SdkTurn[];
  /** The type of every server event, in arrival order. */
  readonly types: readonly string[];
  /** Every `error` event's `error` and every `onError` the SDK reported. */
  readonly errors: readonly unknown[];
}

/** A promise settled from outside, resolved at most once. */
function latch<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Connects the official SDK to `url`, waits for `session.created`, sends `options.session` as a
 * stock client's first `session.update`, then speaks each turn and waits for its answer's
 * `response.done`; disconnects and disposes the session at the end. The caller bounds the time
 * (the test timeout): a missing answer leaves this pending.
 * The SDK tunnels even loopback connections through a configured proxy (reference §1.4): callers
 * must clear `HTTP(S)_PROXY` in their test file first.
 */
export async function holdSdkTurns(options: SdkTurnsOptions): Promise<SdkTurnsResult> {
  const chunkBytes = options.chunkBytes ?? 4800;
  const client = new VoiceLiveClient(options.url, options.credential);
  const session = client.createSession(options.model ?? 'gpt-realtime');
  const created = latch<ResponseSession>();
  let updated = latch<ResponseSession | undefined>();
  let done = latch<string>();
  const types: string[] = [];
  const errors: unknown[] = [];
  let audioBytes = 0;
  let transcript = '';
  session.subscribe({
    onSessionCreated: (event) => {
      created.resolve(event.session);
      return Promise.resolve();
    },
    onSessionUpdated: (event) => {
      updated.resolve(event.session);
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
    onServerError: (event) => {
      errors.push(event.error);
      // An update refused with an error gets no session.updated: stop waiting for one.
      updated.resolve(undefined);
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
  try {
    await session.connect();
    const createdSession = await created.promise;
    let updatedSession: ResponseSession | undefined;
    if (options.session !== undefined) {
      await session.updateSession(options.session);
      updatedSession = await updated.promise;
    }
    updated = latch();
    const turns: SdkTurn[] = [];
    for (const speech of options.turns) {
      audioBytes = 0;
      transcript = '';
      done = latch();
      for (let offset = 0; offset < speech.length; offset += chunkBytes)
        await session.sendAudio(speech.subarray(offset, offset + chunkBytes));
      const status = await done.promise;
      turns.push({ status, audioBytes, transcript });
    }
    await session.disconnect();
    return {
      created: createdSession,
      updated: updatedSession,
      turns,
      types: [...types],
      errors: [...errors],
    };
  } finally {
    await session.dispose().catch(() => undefined);
  }
}
