// k6 load scenario for a Voice Live endpoint (the voxd gateway, or the local server directly).
// The same steps as bench/load/scenario.js (the Node driver used where k6 cannot run): each VU
// opens a session, waits for session.created, sends session.update (server VAD), streams the
// fixture's PCM16 in 100 ms base64 appends at real time, then silence until the response is done,
// and repeats for TURNS turns.
//
//   k6 run -e VOICE_LIVE_URL=ws://127.0.0.1:8765 -e VOICE_LIVE_KEY=... -e VUS=50 -e DURATION=60s \
//     bench/k6/voice-live.js
//
// Metrics: voice_turn_latency (speech_stopped → first response.audio.delta), voice_first_audio
// (response.created → first delta), voice_connect (socket open → session.created), voice_errors
// (count), voice_error_rate, voice_interruptions (responses cancelled by a barge-in).
//
// Written for k6 ≥ 0.54 (`k6/websockets`; on 0.48–0.53 import the same API from
// 'k6/experimental/websockets'). Typechecked with @types/k6 2.3 (tsc --checkJs), see bench/k6/README.md.
import encoding from 'k6/encoding';
import { Counter, Rate, Trend } from 'k6/metrics';
import { clearTimeout, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';

const BASE_URL = __ENV.VOICE_LIVE_URL || 'ws://127.0.0.1:8765';
const API_KEY = __ENV.VOICE_LIVE_KEY || '';
const TURNS = Number(__ENV.TURNS || 2);
const CHUNK_MS = 100;
const SAMPLE_RATE = 24000;
const CHUNK_BYTES = (SAMPLE_RATE * 2 * CHUNK_MS) / 1000;
const CONNECT_TIMEOUT_MS = 10000;
const TURN_TIMEOUT_MS = 20000;
// The fixture: 24 kHz mono PCM16 with a canonical 44-byte header (checked in bench/load/fixture.js).
const WAV_HEADER_BYTES = 44;

export const options = {
  scenarios: {
    sessions: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: __ENV.RAMP || '10s', target: Number(__ENV.VUS || 10) },
        { duration: __ENV.DURATION || '60s', target: Number(__ENV.VUS || 10) },
        { duration: '5s', target: 0 },
      ],
      gracefulRampDown: '30s',
    },
  },
  thresholds: {
    voice_turn_latency: ['p(95)<1500'],
    voice_first_audio: ['p(95)<1000'],
    voice_error_rate: ['rate<0.01'],
  },
};

// Init context: read once per VU, as binary.
const wav = open(__ENV.FIXTURE || '../../fixtures/audio/weather-24k.wav', 'b');
const pcm = wav.slice(WAV_HEADER_BYTES);
const chunks = [];
for (let at = 0; at + CHUNK_BYTES <= pcm.byteLength; at += CHUNK_BYTES) {
  chunks.push(encoding.b64encode(pcm.slice(at, at + CHUNK_BYTES)));
}
const silence = encoding.b64encode(new ArrayBuffer(CHUNK_BYTES));

const turnLatency = new Trend('voice_turn_latency', true);
const firstAudio = new Trend('voice_first_audio', true);
const connectTime = new Trend('voice_connect', true);
const errors = new Counter('voice_errors');
const errorRate = new Rate('voice_error_rate');
const interruptions = new Counter('voice_interruptions');

const SESSION_UPDATE = {
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

function sessionUrl() {
  const sep = BASE_URL.includes('?') ? '&' : '?';
  const path = /\/voice-(live|agent)\/realtime/.test(BASE_URL) ? '' : '/voice-live/realtime';
  return `${BASE_URL.replace(/^http/, 'ws').replace(/\/$/, '')}${path}${sep}api-version=2025-10-01&model=gpt-realtime`;
}

export default function () {
  const startedAt = Date.now();
  // The key goes in the `api-key` header (k6 websockets take headers in params), not the URL.
  const ws = new WebSocket(sessionUrl(), null, { headers: API_KEY ? { 'api-key': API_KEY } : {} });
  let ready = false;
  let finished = false;
  let turnsDone = 0;
  let pumpTimer = null;
  let chunkIndex = 0;
  let nextSendAt = 0;
  let audioEndedAt = null;
  let speechStoppedAt = null;
  let responseCreatedAt = null;
  let responseActive = false;
  let firstDeltaSeen = false;
  let responseDoneThisTurn = false;

  const fail = (kind) => {
    errors.add(1, { kind });
    errorRate.add(true);
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    if (pumpTimer !== null) clearTimeout(pumpTimer);
    ws.close();
  };
  const send = (event) => {
    if (ws.readyState === 1) ws.send(JSON.stringify(event));
  };

  const startTurn = () => {
    if (turnsDone >= TURNS) {
      finish();
      return;
    }
    chunkIndex = 0;
    audioEndedAt = null;
    speechStoppedAt = null;
    responseCreatedAt = null;
    firstDeltaSeen = false;
    responseDoneThisTurn = false;
    nextSendAt = Date.now();
    pump();
  };

  // Real-time pacing: each chunk has its own slot, so timer lateness does not accumulate.
  const pump = () => {
    if (finished) return;
    const now = Date.now();
    while (nextSendAt <= now) {
      send({
        type: 'input_audio_buffer.append',
        audio: chunkIndex < chunks.length ? chunks[chunkIndex] : silence,
      });
      chunkIndex += 1;
      nextSendAt += CHUNK_MS;
      if (chunkIndex === chunks.length) audioEndedAt = now;
    }
    if (audioEndedAt !== null && responseDoneThisTurn && !responseActive) {
      turnsDone += 1;
      errorRate.add(false);
      startTurn();
      return;
    }
    if (audioEndedAt !== null && now - audioEndedAt > TURN_TIMEOUT_MS) {
      fail('turn-timeout');
      finish();
      return;
    }
    pumpTimer = setTimeout(pump, Math.max(0, nextSendAt - Date.now()));
  };

  const connectTimer = setTimeout(() => {
    if (!ready) {
      fail('connect-timeout');
      finish();
    }
  }, CONNECT_TIMEOUT_MS);

  ws.onmessage = (message) => {
    let event;
    // Voice Live sends text frames only.
    if (typeof message.data !== 'string') {
      fail('binary-frame');
      return;
    }
    try {
      event = JSON.parse(message.data);
    } catch (_) {
      fail('bad-frame');
      return;
    }
    const now = Date.now();
    switch (event.type) {
      case 'session.created':
        connectTime.add(now - startedAt);
        send(SESSION_UPDATE);
        break;
      case 'session.updated':
        if (!ready) {
          ready = true;
          clearTimeout(connectTimer);
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
          if (speechStoppedAt !== null) turnLatency.add(now - speechStoppedAt);
          if (responseCreatedAt !== null) firstAudio.add(now - responseCreatedAt);
          speechStoppedAt = null;
        }
        break;
      case 'response.done':
        responseActive = false;
        responseDoneThisTurn = true;
        if (event.response && event.response.status === 'cancelled') interruptions.add(1);
        if (event.response && event.response.status === 'failed') fail('response-failed');
        break;
      case 'error':
        fail('server-error');
        break;
      default:
        break;
    }
  };
  ws.addEventListener('error', () => {
    fail('socket');
    finish();
  });
  ws.addEventListener('close', () => {
    clearTimeout(connectTimer);
    if (!finished) {
      finished = true;
      if (pumpTimer !== null) clearTimeout(pumpTimer);
      if (turnsDone < TURNS) fail('closed-early');
    }
  });
}
