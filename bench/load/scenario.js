// One load-test session, the same steps as bench/k6/voice-live.js: connect, wait for
// session.created, send session.update (server VAD), then per turn stream the fixture in 100 ms
// appends at real time followed by silence until the response is done. Measures turn latency
// (speech_stopped → first response.audio.delta) and first-audio latency (response.created → first
// delta) with the client's monotonic clock.
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';

import { WebSocket } from 'ws';

import { CHUNK_MS } from './fixture.js';

const CONNECT_TIMEOUT_MS = 10_000;
/** A turn that has not produced a finished response this long after its audio ended is an error. */
const TURN_TIMEOUT_MS = 20_000;

export const SESSION_UPDATE = {
  type: 'session.update',
  session: {
    modalities: ['text', 'audio'],
    instructions: 'You are a concise voice assistant. Answer in one short sentence.',
    voice: 'alloy',
    input_audio_format: 'pcm16',
    output_audio_format: 'pcm16',
    turn_detection: {
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 500,
      create_response: true,
      interrupt_response: true,
    },
  },
};

/**
 * Runs one session; resolves (never rejects) with its measurements when it closed, after `turns`
 * turns or when `stopAtMs` (performance.now() time) passed.
 * @param {{ wsUrl: string, key: string | undefined, turns: number, stopAtMs: number, fixture: { chunks: string[], silence: string } }} options
 */
export function runSession(options) {
  const result = {
    connectMs: undefined,
    turnLatencyMs: [],
    firstAudioMs: [],
    turnsDone: 0,
    errors: [],
    interruptions: 0,
    completed: false,
  };
  return new Promise((resolve) => {
    const startedAt = performance.now();
    const ws = new WebSocket(options.wsUrl, {
      headers: options.key === undefined ? {} : { 'api-key': options.key },
      perMessageDeflate: false,
    });
    let timer;
    let deadline;
    let ready = false;
    let finished = false;
    // Turn state, reset per turn.
    let chunkIndex = 0;
    let nextSendAt = 0;
    let speechStoppedAt;
    let responseCreatedAt;
    let responseActive = false;
    let firstDeltaSeen = false;
    let responseDoneThisTurn = false;
    let audioEndedAt;

    const error = (kind, message) =>
      result.errors.push({ kind, message: String(message).slice(0, 200) });

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(deadline);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
        ws.close(1000);
      resolve(result);
    };

    const send = (event) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
    };

    const startTurn = () => {
      if (result.turnsDone >= options.turns || performance.now() >= options.stopAtMs) {
        result.completed = result.turnsDone >= options.turns;
        finish();
        return;
      }
      chunkIndex = 0;
      speechStoppedAt = undefined;
      responseCreatedAt = undefined;
      firstDeltaSeen = false;
      responseDoneThisTurn = false;
      audioEndedAt = undefined;
      nextSendAt = performance.now();
      pump();
    };

    // Real-time pacing: each chunk goes out at its own slot, so timer lateness does not accumulate.
    const pump = () => {
      if (finished) return;
      const now = performance.now();
      if (now >= options.stopAtMs) {
        finish();
        return;
      }
      while (nextSendAt <= now) {
        const { chunks, silence } = options.fixture;
        const audio = chunkIndex < chunks.length ? chunks[chunkIndex] : silence;
        send({ type: 'input_audio_buffer.append', audio });
        chunkIndex += 1;
        nextSendAt += CHUNK_MS;
        if (chunkIndex === chunks.length) audioEndedAt = now;
      }
      // The turn ends once the fixture is sent and its response is done: then the next turn.
      if (audioEndedAt !== undefined && responseDoneThisTurn && !responseActive) {
        result.turnsDone += 1;
        startTurn();
        return;
      }
      if (audioEndedAt !== undefined && now - audioEndedAt > TURN_TIMEOUT_MS) {
        error('turn-timeout', `no finished response ${TURN_TIMEOUT_MS} ms after the turn's audio`);
        finish();
        return;
      }
      timer = setTimeout(pump, Math.max(0, nextSendAt - performance.now()));
    };

    deadline = setTimeout(() => {
      if (!ready) {
        error('connect-timeout', `no session.updated within ${CONNECT_TIMEOUT_MS} ms`);
        finish();
      }
    }, CONNECT_TIMEOUT_MS);

    ws.on('message', (data) => {
      let event;
      try {
        event = JSON.parse(data.toString());
      } catch (e) {
        error('bad-frame', e.message);
        return;
      }
      const now = performance.now();
      switch (event.type) {
        case 'session.created':
          result.connectMs = now - startedAt;
          send(SESSION_UPDATE);
          break;
        case 'session.updated':
          if (!ready) {
            ready = true;
            clearTimeout(deadline);
            startTurn();
          }
          break;
        case 'input_audio_buffer.speech_stopped':
          speechStoppedAt = now;
          break;
        case 'response.created':
          responseCreatedAt = now;
          responseActive = true;
          firstDeltaSeen = false;
          break;
        case 'response.audio.delta':
          if (!firstDeltaSeen) {
            firstDeltaSeen = true;
            if (speechStoppedAt !== undefined) result.turnLatencyMs.push(now - speechStoppedAt);
            if (responseCreatedAt !== undefined) result.firstAudioMs.push(now - responseCreatedAt);
            speechStoppedAt = undefined;
          }
          break;
        case 'response.done':
          responseActive = false;
          responseDoneThisTurn = true;
          // A barge-in: the server VAD heard speech during the response and cancelled it.
          if (event.response?.status === 'cancelled') result.interruptions += 1;
          if (event.response?.status === 'failed')
            error('response-failed', JSON.stringify(event.response.status_details));
          break;
        case 'error':
          error('server-error', `${event.error?.code ?? ''} ${event.error?.message ?? ''}`);
          break;
        default:
          break;
      }
    });
    // After finish() a close of a still-connecting socket reports an error: not a new failure.
    ws.on('error', (e) => {
      if (!finished) error('socket', e.message);
    });
    let opened = false;
    ws.on('open', () => {
      opened = true;
    });
    ws.on('close', (code) => {
      if (!finished) {
        // A refused handshake (401, 404) is already reported by the 'error' event.
        if (code !== 1000 && opened) error('closed', `server closed the socket with ${code}`);
        finish();
      }
    });
  });
}
