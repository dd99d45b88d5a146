import type { ResponderTurn, ResponsePlan } from '../responders/responder.js';
import { itemText } from '../responders/turn-facts.js';
import { chunkAudio, CHUNK_MS, splitText, truncateText } from './audio-chunks.js';
import type { StoredItem, WireItem } from './conversation.js';
import type { ResponseConfig } from './response-config.js';
import { voiceName } from './response-config.js';
import type { SessionContext } from './session-context.js';
import { outputAudioTokens, textTokens, usageOf, zeroUsage } from './usage.js';
import type { WireAudioFormat } from './wire-audio.js';
import { encodeAudio, outputAudioFormat } from './wire-audio.js';

/** What the responder sees of the conversation, gathered by the session when the response starts. */
export type TurnFacts = Pick<ResponderTurn, 'items' | 'userAudio' | 'userTranscript'>;

export interface ResponseRequest {
  readonly config: ResponseConfig;
  /** Resolves the responder's view of the turn (it may wait for a transcription). */
  readonly facts: () => Promise<TurnFacts>;
  /** Fault injection: fail this response with a server error. */
  readonly injectFailure: boolean;
  /** Called once, right after `response.done` was sent. */
  readonly onDone: () => void;
}

export type CancelReason = 'turn_detected' | 'client_cancelled';

/** A running response. */
export interface ResponseHandle {
  readonly id: string;
  readonly isDone: boolean;
  /** Ends the response at once: every open part and item gets its `…done`, then `response.done` cancelled. */
  cancel(reason: CancelReason): void;
  /** The assistant audio item of this response and how much of it a real-time listener has heard. */
  playback(): { readonly itemId: string; readonly playedMs: number } | undefined;
  readonly finished: Promise<void>;
}

type OpenItem =
  | {
      kind: 'message';
      item: WireItem;
      stored: StoredItem | undefined;
      outputIndex: number;
      audio: boolean;
      sent: string;
      audioBytes: Uint8Array[];
      audioMs: number;
      /** The samples the deltas were cut from, and how many of them were sent. */
      source: Int16Array | undefined;
      sentSamples: number;
    }
  | {
      kind: 'call';
      item: WireItem;
      stored: StoredItem | undefined;
      outputIndex: number;
      sent: string;
    };

/**
 * The audio an item's deltas carried. PCM16 deltas are consecutive views of one samples array
 * (shared and never written to), so the sent prefix is viewed rather than copied; g711 is joined.
 */
function sentAudio(
  o: { audioBytes: readonly Uint8Array[]; source: Int16Array | undefined; sentSamples: number },
  format: WireAudioFormat,
): Uint8Array {
  if (format.encoding === 'pcm16' && o.source !== undefined)
    return encodeAudio(o.source.subarray(0, o.sentSamples), format);
  return Buffer.concat(o.audioBytes);
}

/** Starts one response and streams it in the order of §6.2/§6.4/§6.5. */
export function startResponse(ctx: SessionContext, request: ResponseRequest): ResponseHandle {
  const { config } = request;
  const id = ctx.newId('resp');
  const format: WireAudioFormat = outputAudioFormat(config.outputAudioFormat);
  const wantAudio = config.modalities.includes('audio');
  const rng = ctx.rng.fork();
  const base = {
    id,
    object: 'realtime.response',
    conversation_id: config.outOfBand ? null : ctx.conversation.id,
    voice: voiceName(config.voice) ?? null,
    modalities: config.modalities,
    output_audio_format: config.outputAudioFormat,
    temperature: config.temperature,
    max_output_tokens: config.maxOutputTokens,
    metadata: config.metadata,
  };
  const output: WireItem[] = [];
  let open: OpenItem | undefined;
  let audioItem: { itemId: string; startedAt: number | undefined; audioMs: number } | undefined;
  let done = false;
  let inputText = config.instructions;
  let inputAudioMs = 0;
  let outputText = '';
  let outputAudioMs = 0;
  let wake: (() => void) | undefined;
  let resolveFinished: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));

  const at = (o: OpenItem, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    response_id: id,
    item_id: o.item.id,
    output_index: o.outputIndex,
    ...(o.kind === 'message' ? { content_index: 0 } : {}),
    ...extra,
  });

  /** Resolves after `ms` (0: next turn of the event loop), or at once when the response ends. */
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (done) return resolve();
      const timer = ms > 0 ? setTimeout(() => wake?.(), ms) : undefined;
      const immediate = ms > 0 ? undefined : setImmediate(() => wake?.());
      wake = () => {
        wake = undefined;
        if (timer !== undefined) clearTimeout(timer);
        if (immediate !== undefined) clearImmediate(immediate);
        resolve();
      };
    });

  function closeOpen(status: 'completed' | 'incomplete'): void {
    const o = open;
    if (o === undefined) return;
    open = undefined;
    let final: WireItem;
    if (o.kind === 'message') {
      let part: Record<string, unknown>;
      if (o.audio) {
        ctx.send({ type: 'response.audio.done', ...at(o) });
        ctx.send({ type: 'response.audio_transcript.done', ...at(o, { transcript: o.sent }) });
        part = { type: 'audio', transcript: o.sent };
      } else {
        ctx.send({ type: 'response.text.done', ...at(o, { text: o.sent }) });
        part = { type: 'text', text: o.sent };
      }
      ctx.send({ type: 'response.content_part.done', ...at(o, { part }) });
      final = { ...o.item, status, content: [part] };
      outputText += o.sent;
      outputAudioMs += o.audioMs;
      if (o.stored !== undefined && o.audio)
        o.stored.audio = { bytes: sentAudio(o, format), format };
    } else {
      ctx.send({
        type: 'response.function_call_arguments.done',
        ...at(o, { call_id: o.item['call_id'], name: o.item['name'], arguments: o.sent }),
      });
      final = { ...o.item, status, arguments: o.sent };
      outputText += o.sent;
    }
    ctx.send({
      type: 'response.output_item.done',
      response_id: id,
      output_index: o.outputIndex,
      item: final,
    });
    output.push(final);
    if (o.stored !== undefined) o.stored.item = final;
  }

  function finish(status: string, details: Record<string, unknown> | null): void {
    if (done) return;
    closeOpen(status === 'completed' ? 'completed' : 'incomplete');
    done = true;
    const usage = usageOf({ inputText, inputAudioMs, outputText, outputAudioMs });
    ctx.send({
      type: 'response.done',
      response: { ...base, status, status_details: details, output, usage },
    });
    wake?.();
    request.onDone();
    resolveFinished();
  }

  function fail(code: string, message: string): void {
    const error = { type: 'server_error', code, message };
    ctx.sendError({ type: 'server_error', code, message });
    finish('failed', { type: 'failed', error });
  }

  function addItem(item: WireItem): { outputIndex: number; stored: StoredItem | undefined } {
    const outputIndex = output.length;
    ctx.send({
      type: 'response.output_item.added',
      response_id: id,
      output_index: outputIndex,
      item,
    });
    let stored: StoredItem | undefined;
    if (config.commit) {
      stored = { item };
      const placed = ctx.conversation.insert(stored);
      ctx.send({
        type: 'conversation.item.created',
        previous_item_id: placed?.previousItemId ?? null,
        item,
      });
    }
    return { outputIndex, stored };
  }

  async function streamMessage(plan: { text: string; audio?: Int16Array }): Promise<boolean> {
    let text = plan.text;
    let samples = wantAudio
      ? (plan.audio ?? (await ctx.speak(text, { sampleRate: format.sampleRate, ...voiceOption() })))
      : undefined;
    if (done) return false;
    let cut = false;
    if (config.maxOutputTokens !== 'inf') {
      const wanted =
        textTokens(text) +
        (samples === undefined
          ? 0
          : outputAudioTokens((samples.length * 1000) / format.sampleRate));
      if (wanted > config.maxOutputTokens) {
        const fraction = config.maxOutputTokens / wanted;
        text = truncateText(text, fraction);
        if (samples !== undefined)
          samples = samples.subarray(0, Math.floor(samples.length * fraction));
        cut = true;
      }
    }
    const itemId = ctx.newId('item');
    const item: WireItem = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'assistant',
      status: ctx.options.itemStatusOnAdd,
      content: [],
    };
    const { outputIndex, stored } = addItem(item);
    const o: OpenItem = {
      kind: 'message',
      item,
      stored,
      outputIndex,
      audio: samples !== undefined,
      sent: '',
      audioBytes: [],
      audioMs: 0,
      source: samples,
      sentSamples: 0,
    };
    open = o;
    const emptyPart =
      samples !== undefined ? { type: 'audio', transcript: '' } : { type: 'text', text: '' };
    ctx.send({ type: 'response.content_part.added', ...at(o, { part: emptyPart }) });
    if (samples === undefined) {
      for (const piece of splitText(text, text.split(/\s+/).length)) {
        await wait(0);
        if (done) return false;
        o.sent += piece;
        ctx.send({ type: 'response.text.delta', ...at(o, { delta: piece }) });
      }
      return cut;
    }
    const chunks = chunkAudio(samples, format);
    const pieces = splitText(text, chunks.length);
    const playing = { itemId, startedAt: undefined as number | undefined, audioMs: 0 };
    audioItem = playing;
    for (const [index, chunk] of chunks.entries()) {
      if (index > 0) {
        const dueMs =
          ctx.options.pace === 'realtime'
            ? (playing.startedAt ?? 0) + index * CHUNK_MS - Date.now()
            : 0;
        await wait(Math.max(0, dueMs));
        if (done) return false;
      }
      const piece = pieces[index] ?? '';
      if (piece !== '') {
        o.sent += piece;
        ctx.send({ type: 'response.audio_transcript.delta', ...at(o, { delta: piece }) });
      }
      ctx.send({ type: 'response.audio.delta', ...at(o, { delta: chunk.base64 }) });
      ctx.audioProduced = true;
      playing.startedAt ??= Date.now();
      o.audioBytes.push(chunk.bytes);
      o.sentSamples += chunk.samples;
      o.audioMs += chunk.durationMs;
      playing.audioMs = o.audioMs;
    }
    return cut;
  }

  async function streamCall(plan: { name: string; arguments: string }): Promise<void> {
    const item: WireItem = {
      id: ctx.newId('item'),
      object: 'realtime.item',
      type: 'function_call',
      name: plan.name,
      call_id: ctx.newId('call'),
      arguments: '',
      status: 'in_progress',
    };
    const { outputIndex, stored } = addItem(item);
    const o: OpenItem = { kind: 'call', item, stored, outputIndex, sent: '' };
    open = o;
    const third = Math.ceil(plan.arguments.length / 3);
    for (let start = 0; start < plan.arguments.length; start += third) {
      await wait(0);
      if (done) return;
      const delta = plan.arguments.slice(start, start + third);
      o.sent += delta;
      ctx.send({
        type: 'response.function_call_arguments.delta',
        ...at(o, { call_id: item['call_id'], delta }),
      });
    }
  }

  function voiceOption(): { voice?: string } {
    const name = voiceName(config.voice);
    return name === undefined ? {} : { voice: name };
  }

  async function plan(): Promise<ResponsePlan> {
    const facts = await request.facts();
    inputText += facts.items.map((i) => itemText(i) ?? '').join(' ');
    if (facts.userAudio !== undefined)
      inputAudioMs = (facts.userAudio.samples.length * 1000) / facts.userAudio.sampleRate;
    if (config.preGenerated !== undefined) {
      return { kind: 'say', text: itemText(config.preGenerated as WireItem) ?? '' };
    }
    return ctx.responder.respond({
      ...facts,
      instructions: config.instructions,
      tools: config.tools,
      toolChoice: config.toolChoice,
      outputSampleRate: format.sampleRate,
      rng,
    });
  }

  async function run(): Promise<void> {
    const latencyMs =
      ctx.options.firstAudioMs +
      (ctx.options.firstAudioJitterMs > 0 ? rng.next() * ctx.options.firstAudioJitterMs : 0);
    const planned = plan();
    await wait(latencyMs);
    const decided = await planned;
    if (done) return;
    if (request.injectFailure)
      return fail(
        'server_error',
        'injected fault: this response failed on purpose (faults.errorEvery)',
      );
    if (decided.kind === 'error') return fail(decided.code, decided.message);
    let cut = false;
    if (decided.kind === 'call') await streamCall(decided);
    else cut = await streamMessage(decided);
    finish(
      cut ? 'incomplete' : 'completed',
      cut ? { type: 'incomplete', reason: 'max_output_tokens' } : null,
    );
  }

  ctx.send({
    type: 'response.created',
    response: {
      ...base,
      status: 'in_progress',
      status_details: null,
      output: [],
      usage: zeroUsage(),
    },
  });
  if (ctx.options.faults.rateLimits === true) {
    ctx.send({
      type: 'rate_limits.updated',
      rate_limits: [
        { name: 'requests', limit: 1000, remaining: 999, reset_seconds: 60 },
        { name: 'tokens', limit: 100000, remaining: 99000, reset_seconds: 60 },
      ],
    });
  }
  run().catch((cause: unknown) => {
    ctx.options.logger.error('response failed inside the server', {
      responseId: id,
      error: String(cause),
    });
    // A response already cancelled has sent its response.done: nothing more may follow.
    if (!done) fail('server_error', 'the local server failed while generating this response');
  });

  return {
    id,
    get isDone() {
      return done;
    },
    cancel: (reason) => finish('cancelled', { type: 'cancelled', reason }),
    playback() {
      if (audioItem === undefined) return undefined;
      const elapsed = audioItem.startedAt === undefined ? 0 : Date.now() - audioItem.startedAt;
      return {
        itemId: audioItem.itemId,
        playedMs: Math.floor(Math.min(audioItem.audioMs, elapsed)),
      };
    },
    finished,
  };
}
