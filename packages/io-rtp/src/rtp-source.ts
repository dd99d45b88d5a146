import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

import { bytesPerSample, createFormatConverter, createRechunker, silence } from '@voxd/audio';
import type { AudioFormat, AudioFrame, FormatConverter } from '@voxd/audio';
import type { AudioSource, PluginContext } from '@voxd/core';
import { Observable, Subject } from 'rxjs';
import type { Subscriber, Subscription } from 'rxjs';

import { parseTelephoneEvent } from './dtmf.js';
import { formatHostPort } from './host-port.js';
import type { HostPort } from './host-port.js';
import { createJitterBuffer } from './jitter-buffer.js';
import type { JitterBuffer, JitterStats, PlayoutItem } from './jitter-buffer.js';
import { formatOfCodec, swapBytes16 } from './payload-types.js';
import type { PayloadSpec } from './payload-types.js';
import { looksLikeRtcp, parseRtcpPacket } from './rtcp-packet.js';
import type { RtpChannel } from './rtp-channel.js';
import { createRtpChannel } from './rtp-channel.js';
import { RtpError } from './rtp-error.js';
import type { RtpSourceOptions } from './rtp-options.js';
import { parseRtpPacket } from './rtp-packet.js';
import type { RtpPacket } from './rtp-packet.js';

/** Counters of one subscription's datagrams (a call), logged when it ends. */
export interface RtpReceiveStats extends JitterStats {
  readonly datagrams: number;
  /** Not RTP or RTCP, or a header whose lengths do not fit the datagram, by reason. */
  readonly malformed: Readonly<Record<string, number>>;
  /** RTP with a payload type not configured. */
  readonly unknownPayloadType: number;
  /** From another address than the call's. */
  readonly foreign: number;
  readonly rtcp: number;
  readonly dtmf: number;
}

/** A DTMF key the caller pressed (RFC 4733), once per key press. */
export interface DtmfKey {
  readonly key: string;
  /** When it started, in ms on the source's frame timeline. */
  readonly timestampMs: number;
}

export interface RtpSource extends AudioSource {
  readonly kind: 'rtp';
  /** Emits the bound address each time a subscription starts listening (port 0 resolved). */
  readonly listening$: Observable<HostPort>;
  /** Key presses received (hot). */
  readonly dtmf$: Observable<DtmfKey>;
  /** Whether a socket is bound right now. */
  isListening(): boolean;
  /** Counters of the current (or last) subscription. */
  stats(): RtpReceiveStats;
}

/**
 * Creates a source that listens on `options.listen` for one RTP call. `frames$` is cold: subscribing
 * binds the socket (and `port + 1` for RTCP, best effort, when the port is fixed); the first valid
 * RTP packet locks the call to its sender's address. Payloads go through a jitter buffer (reorder,
 * duplicates, loss → silence), are converted to `options.sessionFormat` unless they already are in
 * it (G.711 pass-through) and come out as `frameMs` frames, paced by the sender's clock. The stream
 * completes on an RTCP BYE from the caller or after `inactivityTimeoutMs` without packets;
 * unsubscribing closes the sockets. Garbage is counted, never thrown.
 */
export function createRtpSource(
  options: RtpSourceOptions,
  ctx: PluginContext,
  channel: RtpChannel = createRtpChannel(),
): RtpSource {
  const listening$ = new Subject<HostPort>();
  const dtmf$ = new Subject<DtmfKey>();
  let current: Receiver | undefined;
  let lastStats: RtpReceiveStats = emptyStats();
  return {
    kind: 'rtp',
    format: options.sessionFormat,
    listening$: listening$.asObservable(),
    dtmf$: dtmf$.asObservable(),
    isListening: () => current?.bound() ?? false,
    stats: () => current?.stats() ?? lastStats,
    frames$: new Observable<AudioFrame>((subscriber) => {
      const receiver = startReceiver({ options, ctx, channel, subscriber, listening$, dtmf$ });
      current = receiver;
      return () => {
        lastStats = receiver.stats();
        receiver.stop();
        if (current === receiver) current = undefined;
      };
    }),
  };
}

/** Lateness of the inactivity timer that counts as an event-loop stall, not silence. */
const STALL_MS = 100;

interface ReceiverSetup {
  readonly options: RtpSourceOptions;
  readonly ctx: PluginContext;
  readonly channel: RtpChannel;
  readonly subscriber: Subscriber<AudioFrame>;
  readonly listening$: Subject<HostPort>;
  readonly dtmf$: Subject<DtmfKey>;
}

interface Receiver {
  bound(): boolean;
  stats(): RtpReceiveStats;
  stop(): void;
}

function emptyStats(): RtpReceiveStats {
  return {
    datagrams: 0,
    malformed: {},
    unknownPayloadType: 0,
    foreign: 0,
    rtcp: 0,
    dtmf: 0,
    accepted: 0,
    duplicates: 0,
    late: 0,
    lost: 0,
    reordered: 0,
    restarts: 0,
  };
}

function startReceiver(setup: ReceiverSetup): Receiver {
  const { options, ctx, channel, subscriber } = setup;
  const { scheduler, logger } = ctx;
  const where = formatHostPort(options.listen);
  const out = options.sessionFormat;
  const specs = new Map(options.payloadTypes.map((p) => [p.payloadType, p]));
  const rechunker = createRechunker(out, options.frameMs);
  const converters = new Map<number, FormatConverter>();
  const counts = { datagrams: 0, unknownPayloadType: 0, foreign: 0, rtcp: 0, dtmf: 0 };
  const malformed: Record<string, number> = {};
  const sockets: Socket[] = [];
  let bound = false;
  let stopped = false;
  let jitter: JitterBuffer | undefined;
  let jitterRate = 0;
  let retiredStats: JitterStats | undefined;
  let lastSpec: PayloadSpec | undefined;
  let emitted = 0;
  let pullTimer: Subscription | undefined;
  let idleTimer: Subscription | undefined;
  let lastDtmfTs: number | undefined;

  const addJitterStats = (a: JitterStats, b: JitterStats | undefined): JitterStats =>
    b === undefined
      ? a
      : {
          accepted: a.accepted + b.accepted,
          duplicates: a.duplicates + b.duplicates,
          late: a.late + b.late,
          lost: a.lost + b.lost,
          reordered: a.reordered + b.reordered,
          restarts: a.restarts + b.restarts,
        };
  const stats = (): RtpReceiveStats => ({
    ...counts,
    malformed: { ...malformed },
    ...addJitterStats(jitter?.stats() ?? emptyStats(), retiredStats),
  });

  const emit = (data: Uint8Array): void => {
    if (stopped) return;
    subscriber.next({ format: out, data, timestampMs: emitted * options.frameMs });
    emitted += 1;
  };

  const wireFormatOf = (spec: PayloadSpec): AudioFormat =>
    formatOfCodec(spec.codec === 'telephone-event' ? 'PCMU' : spec.codec, spec.clockRate);

  const deliver = (spec: PayloadSpec, wire: Uint8Array): void => {
    const converter = converters.get(spec.payloadType);
    const bytes = converter === undefined ? wire : converter.process(wire);
    for (const frame of rechunker.push(bytes)) emit(frame);
  };

  const playItems = (items: readonly PlayoutItem[]): void => {
    for (const item of items) {
      if (item.kind === 'packet') {
        const spec = specs.get(item.packet.payloadType);
        if (spec === undefined) continue;
        lastSpec = spec;
        const payload =
          spec.codec === 'L16' ? swapBytes16(item.packet.payload) : item.packet.payload;
        deliver(spec, payload);
      } else if (lastSpec !== undefined) {
        const ms = (item.samples * 1000) / lastSpec.clockRate;
        deliver(lastSpec, silence(wireFormatOf(lastSpec), ms));
      }
    }
  };

  // One timer for the next due item; a push only moves it earlier (no timer churn per packet).
  let pullDueMs = Number.POSITIVE_INFINITY;
  const schedulePull = (): void => {
    const due = jitter?.nextDueMs();
    if (due === undefined || stopped) return;
    if (pullTimer !== undefined && pullDueMs <= due) return;
    pullTimer?.unsubscribe();
    pullDueMs = due;
    pullTimer = scheduler.schedule(
      () => {
        pullTimer = undefined;
        pullDueMs = Number.POSITIVE_INFINITY;
        if (jitter !== undefined) playItems(jitter.pull(scheduler.now()));
        schedulePull();
      },
      Math.max(0, due - scheduler.now()),
    );
  };

  const finish = (reason: 'bye' | 'inactivity'): void => {
    if (stopped) return;
    if (jitter !== undefined) playItems(jitter.drain());
    const rest = rechunker.flush();
    if (rest !== undefined && rest.length > 0) emit(rest);
    logger.info({ listen: where, reason, ...stats() }, 'rtp call ended');
    stopped = true;
    subscriber.complete();
  };

  // A timer that fires late means the event loop stalled: datagrams that came meanwhile wait in
  // the socket and are delivered after the timers. Look again shortly rather than hang up a caller
  // who kept talking.
  const armIdle = (delayMs = options.inactivityTimeoutMs): void => {
    idleTimer?.unsubscribe();
    const dueMs = scheduler.now() + delayMs;
    idleTimer = scheduler.schedule(() => {
      if (scheduler.now() - dueMs > STALL_MS) armIdle(STALL_MS);
      else finish('inactivity');
    }, delayMs);
  };

  const samplesOf = (packet: RtpPacket): number => {
    const spec = specs.get(packet.payloadType);
    if (spec === undefined || spec.codec === 'telephone-event') return 0;
    return packet.payload.length / bytesPerSample(wireFormatOf(spec).encoding);
  };

  const onDtmf = (packet: RtpPacket): void => {
    counts.dtmf += 1;
    const event = parseTelephoneEvent(packet.payload);
    // One key press is many packets with one timestamp (the end packet is repeated three times).
    if (event === undefined || packet.timestamp === lastDtmfTs) return;
    lastDtmfTs = packet.timestamp;
    logger.info({ listen: where, key: event.key }, 'dtmf received');
    setup.dtmf$.next({ key: event.key, timestampMs: emitted * options.frameMs });
  };

  const onRtp = (packet: RtpPacket, spec: PayloadSpec): void => {
    if (spec.codec === 'telephone-event') {
      onDtmf(packet);
      return;
    }
    channel.inbound = spec;
    if (jitter === undefined || jitterRate !== spec.clockRate) {
      if (jitter !== undefined) {
        playItems(jitter.drain());
        retiredStats = addJitterStats(jitter.stats(), retiredStats);
      }
      jitter = createJitterBuffer({
        clockRate: spec.clockRate,
        depthMs: options.jitterMs,
        samplesOf,
      });
      jitterRate = spec.clockRate;
    }
    const outcome = jitter.push(packet, scheduler.now());
    if (outcome === 'restarted')
      logger.info({ listen: where, ssrc: packet.ssrc }, 'rtp stream restarted');
    armIdle();
    schedulePull();
  };

  const isCaller = (from: HostPort): boolean =>
    channel.remote === undefined ||
    (channel.remote.host === from.host && channel.remote.port === from.port);

  const onRtcp = (datagram: Uint8Array): void => {
    counts.rtcp += 1;
    const parsed = parseRtcpPacket(datagram);
    if (!parsed.ok) {
      malformed[parsed.reason] = (malformed[parsed.reason] ?? 0) + 1;
      return;
    }
    if (parsed.summary.byeSsrcs.length > 0 && channel.remote !== undefined) finish('bye');
  };

  const onMessage = (datagram: Buffer, from: HostPort, rtcpPort: boolean): void => {
    if (stopped) return;
    counts.datagrams += 1;
    if (rtcpPort || looksLikeRtcp(datagram)) {
      // RTCP from port+1 of the caller is its own; on the RTP port it must come from the caller.
      if (rtcpPort ? channel.remote?.host === from.host : isCaller(from)) onRtcp(datagram);
      else counts.foreign += 1;
      return;
    }
    const parsed = parseRtpPacket(datagram);
    if (!parsed.ok) {
      malformed[parsed.reason] = (malformed[parsed.reason] ?? 0) + 1;
      return;
    }
    const spec = specs.get(parsed.packet.payloadType);
    if (spec === undefined) {
      counts.unknownPayloadType += 1;
      return;
    }
    if (!isCaller(from)) {
      counts.foreign += 1;
      return;
    }
    if (channel.remote === undefined) {
      channel.remote = from;
      logger.info(
        {
          listen: where,
          remote: formatHostPort(from),
          payloadType: spec.payloadType,
          codec: spec.codec,
        },
        'rtp call started',
      );
    }
    onRtp(parsed.packet, spec);
  };

  const open = (port: number, rtcp: boolean): Socket => {
    const socket = createSocket({ type: isIPv6(options.listen.host) ? 'udp6' : 'udp4' });
    sockets.push(socket);
    socket.on('message', (datagram, info) =>
      onMessage(datagram, { host: info.address, port: info.port }, rtcp),
    );
    socket.on('error', (error) => {
      if (stopped) return;
      if (rtcp) {
        // RTCP on port+1 is a courtesy (BYE also arrives multiplexed on the RTP port).
        logger.warn({ listen: where, err: error.message }, 'rtcp port unavailable');
        closeSocket(socket);
        return;
      }
      stopped = true;
      subscriber.error(
        new RtpError('E_RTP_SOCKET', `rtp source ${where}: ${error.message}`, { cause: error }),
      );
    });
    socket.bind(port, options.listen.host, () => {
      if (stopped || rtcp) return;
      bound = true;
      channel.socket = socket;
      const address = socket.address();
      logger.info({ listen: where, port: address.port }, 'rtp listening');
      setup.listening$.next({ host: address.address, port: address.port });
    });
    return socket;
  };

  // Converters first (Speex loads asynchronously), then listen: no packet waits for a resampler.
  const wanted = options.payloadTypes.filter((p) => p.codec !== 'telephone-event');
  void Promise.all(
    wanted.map(async (spec) => {
      if (sameEncoding(wireFormatOf(spec), out)) return;
      converters.set(
        spec.payloadType,
        await createFormatConverter({ from: wireFormatOf(spec), to: out }),
      );
    }),
  ).then(
    () => {
      if (stopped) {
        for (const c of converters.values()) c.dispose();
        return;
      }
      open(options.listen.port, false);
      if (options.listen.port !== 0 && options.listen.port < 65535)
        open(options.listen.port + 1, true);
    },
    (error: unknown) => {
      if (stopped) return;
      stopped = true;
      subscriber.error(error);
    },
  );

  return {
    bound: () => bound,
    stats,
    stop() {
      stopped = true;
      bound = false;
      pullTimer?.unsubscribe();
      idleTimer?.unsubscribe();
      for (const socket of sockets) {
        if (channel.socket === socket) channel.socket = undefined;
        closeSocket(socket);
      }
      channel.remote = undefined;
      channel.inbound = undefined;
      for (const converter of converters.values()) converter.dispose();
    },
  };
}

function sameEncoding(a: AudioFormat, b: AudioFormat): boolean {
  return a.encoding === b.encoding && a.sampleRate === b.sampleRate;
}

function closeSocket(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // Already closed: closing is idempotent here.
  }
}
