import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { decodeBase64, mulawDecode, pcm16ToSamples } from '@voxd/audio';
import type { Session, SessionEvent } from '@voxd/core';
import { createSession } from '@voxd/core';
import { requireCommand } from '@voxd/testing';
import { createVoiceLiveTransport } from '@voxd/voicelive';

import { createRtpPlugins } from '../src/rtp-plugins.js';
import type { RtpSink } from '../src/rtp-sink.js';
import type { RtpSource } from '../src/rtp-source.js';
import { makeCtx } from './helpers.js';

/** A session event with the time (performance.now) the test saw it. */
export interface TimedEvent {
  readonly atMs: number;
  readonly event: SessionEvent;
}

export interface Call {
  readonly session: Session;
  readonly source: RtpSource;
  readonly sink: RtpSink;
  readonly port: number;
  readonly events: TimedEvent[];
  readonly done: Promise<void>;
  close(): Promise<void>;
}

let server: Promise<LocalVoiceLive> | undefined;
const KEY = 'rtp-test-key';

/** The local Voice Live server as its own process (as a remote service is): its TTS never stalls the test's clock. */
export interface LocalVoiceLive {
  readonly url: string;
  close(): Promise<void>;
}

/** The local Voice Live server (`voicelive-local`), shared by the tests of one file. */
export function localServer(): Promise<LocalVoiceLive> {
  server ??= new Promise((resolve, reject) => {
    const entry = createRequire(import.meta.url).resolve('@voxd/local-server');
    const child = spawn(
      process.execPath,
      [join(dirname(entry), '../bin/voicelive-local.js'), '--port', '0', '--api-key', KEY],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url === undefined) return;
      const exited = new Promise<void>((done) => child.on('exit', () => done()));
      resolve({
        url,
        close: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.on('exit', (code) => reject(new Error(`voicelive-local exited with ${code}: ${out}`)));
  });
  return server;
}

/**
 * A voxd session answering RTP: the `rtp` source and sink (paired like the daemon pairs them) on
 * the local server, with the session format `sessionFormat` (g711_ulaw: pass-through).
 */
export async function startCall(
  sinkOptions: Record<string, unknown> = {},
  sourceOptions: Record<string, unknown> = {},
): Promise<Call> {
  const local = await localServer();
  const rtp = createRtpPlugins();
  const ctx = makeCtx(
    process.env['RTP_DEBUG']
      ? {
          debug: () => undefined,
          info: (f, m) => console.log(m, JSON.stringify(f)),
          warn: (f, m) => console.log(m, JSON.stringify(f)),
          error: (f, m) => console.log(m, JSON.stringify(f)),
        }
      : undefined,
  );
  const source = rtp.source.create(
    rtp.source.options.parse({
      listen: '127.0.0.1:0',
      inactivity_timeout_ms: 1500,
      ...sourceOptions,
    }),
    ctx,
  );
  const sink = rtp.sink.create(rtp.sink.options.parse(sinkOptions), ctx);
  const output = sink.format.encoding === 'pcm16' ? 'pcm16' : sink.format.encoding;
  const listening = new Promise<number>((resolve) => {
    const sub = source.listening$.subscribe(({ port }) => {
      sub.unsubscribe();
      resolve(port);
    });
  });
  const session = createSession({
    transport: createVoiceLiveTransport({
      endpoint: local.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'api-key', key: KEY },
    }),
    session: {
      modalities: ['text', 'audio'],
      input_audio_format: source.format.encoding,
      ...(source.format.encoding === 'pcm16'
        ? { input_audio_sampling_rate: source.format.sampleRate }
        : {}),
      output_audio_format: output,
      turn_detection: {
        type: 'server_vad',
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 500,
        create_response: true,
        interrupt_response: true,
      },
    },
    source,
    sink,
    endWhenSourceCompletes: true,
  });
  const events: TimedEvent[] = [];
  const done = new Promise<void>((resolve, reject) => {
    session.events$.subscribe({
      next: (event) => events.push({ atMs: performance.now(), event }),
      error: reject,
      complete: resolve,
    });
  });
  const port = await listening;
  return {
    session,
    source,
    sink,
    port,
    events,
    done,
    close: async () => {
      await session.close();
      await sink.close();
    },
  };
}

/** A UDP port on 127.0.0.1 that was free a moment ago, for a peer program that cannot report its own. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** A running peer program; `exited` resolves with its exit code. */
export interface Peer {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

export function runPeer(command: string, args: readonly string[], stdinFile?: string): Peer {
  const fd = stdinFile === undefined ? 'ignore' : openSync(stdinFile, 'r');
  // A peer program comes from system-deps.txt: missing, it fails with the fix (never ENOENT).
  const child = spawn(requireCommand(command), args, { stdio: [fd, 'ignore', 'pipe'] });
  if (typeof fd === 'number') closeSync(fd);
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => err };
}

/**
 * GStreamer sending a WAV (any format wavparse reads) as 20 ms PCMU packets, paced in real time.
 * The file comes on stdin: wavparse in pull mode stops at the header here, in push mode it reads.
 */
export function gstSendPcmu(wavPath: string, port: number, bindPort?: number): Peer {
  return runPeer(
    'gst-launch-1.0',
    [
      '-q',
      'fdsrc',
      'fd=0',
      '!',
      'wavparse',
      '!',
      'decodebin',
      '!',
      'audioconvert',
      '!',
      'audioresample',
      '!',
      'audio/x-raw,rate=8000,channels=1',
      '!',
      'mulawenc',
      '!',
      'rtppcmupay',
      'min-ptime=20000000',
      'max-ptime=20000000',
      '!',
      'udpsink',
      'host=127.0.0.1',
      `port=${port}`,
      'sync=true',
      ...(bindPort === undefined ? [] : ['bind-address=127.0.0.1', `bind-port=${bindPort}`]),
    ],
    wavPath,
  );
}

/** GStreamer receiving PCMU RTP on `port` into a PCM16 WAV (finalised on SIGINT thanks to -e). */
export function gstRecordPcmu(port: number, wavPath: string): Peer {
  return runPeer('gst-launch-1.0', [
    '-q',
    '-e',
    'udpsrc',
    'address=127.0.0.1',
    `port=${port}`,
    'caps=application/x-rtp,media=audio,clock-rate=8000,encoding-name=PCMU,payload=0',
    '!',
    'rtpjitterbuffer',
    'latency=50',
    '!',
    'rtppcmudepay',
    '!',
    'mulawdec',
    '!',
    'wavenc',
    '!',
    'filesink',
    `location=${wavPath}`,
  ]);
}

/** Each item's assistant audio as the server sent it (µ-law or PCM16 bytes), in order. */
export function serverAudioByItem(events: readonly TimedEvent[]): Map<string, Uint8Array[]> {
  const byItem = new Map<string, Uint8Array[]>();
  for (const { event } of events) {
    if (event.type !== 'server.event' || event.event.type !== 'response.audio.delta') continue;
    const delta = event.event as { item_id: string; delta: string };
    const list = byItem.get(delta.item_id) ?? [];
    list.push(decodeBase64(delta.delta));
    byItem.set(delta.item_id, list);
  }
  return byItem;
}

/** 20 ms RMS envelope of 8 kHz samples. */
export function envelope(samples: Int16Array, windowSamples = 160): number[] {
  const out: number[] = [];
  for (let i = 0; i + windowSamples <= samples.length; i += windowSamples) {
    let sum = 0;
    for (let j = i; j < i + windowSamples; j += 1) sum += (samples[j] ?? 0) ** 2;
    out.push(Math.sqrt(sum / windowSamples));
  }
  return out;
}

/** Best Pearson correlation of `a` against `b` over lags of up to `maxLag` windows. */
export function bestCorrelation(a: readonly number[], b: readonly number[], maxLag = 25): number {
  let best = -1;
  for (let lag = -maxLag; lag <= maxLag; lag += 1) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < a.length; i += 1) {
      const y = b[i + lag];
      const x = a[i];
      if (x !== undefined && y !== undefined) {
        xs.push(x);
        ys.push(y);
      }
    }
    if (xs.length < 10) continue;
    best = Math.max(best, pearson(xs, ys));
  }
  return best;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export const decodeUlaw = (bytes: Uint8Array): Int16Array => mulawDecode(bytes);
export const decodePcm16 = (bytes: Uint8Array): Int16Array => pcm16ToSamples(bytes);
