import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { isIPv6 } from 'node:net';

import {
  createFormatConverter,
  createRechunker,
  durationMs,
  sameFormat,
  silence,
} from '@voxd/audio';
import type { AudioFrame, FormatConverter } from '@voxd/audio';
import type { AudioSink, PlaybackProgress, PluginContext } from '@voxd/core';
import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';

import { describeFormatName } from './describe-format.js';
import { formatHostPort } from './host-port.js';
import type { HostPort } from './host-port.js';
import { formatOfCodec, swapBytes16 } from './payload-types.js';
import type { PayloadSpec } from './payload-types.js';
import type { RtpChannel } from './rtp-channel.js';
import { createRtpChannel } from './rtp-channel.js';
import { RtpError } from './rtp-error.js';
import type { RtpSinkOptions } from './rtp-options.js';
import { serializeRtpPacket } from './rtp-packet.js';

/** Counters of everything a sink sent. */
export interface RtpSendStats {
  readonly packets: number;
  readonly payloadBytes: number;
  /** Packets that had nowhere to go (no call yet and no `target`). */
  readonly unsent: number;
  /** Plays stopped by an unsubscribe (barge-in). */
  readonly interrupted: number;
}

export interface RtpSink extends AudioSink {
  readonly kind: 'rtp';
  stats(): RtpSendStats;
}

/**
 * Creates a sink that sends each `play` as RTP: to `options.target`, or back to the address the
 * paired source's call comes from, from the source's own port (symmetric RTP). Packets of
 * `ptimeMs` leave on a clock (drift-free schedule, never a burst); sequence numbers run on across
 * plays, the timestamp follows the clock (so a pause between responses is a timestamp gap) and
 * the first packet of each play has the marker bit. Audio is converted to the wire codec unless it
 * already is that codec (G.711 pass-through). `playedMs` is what has been sent; unsubscribing
 * sends nothing more, so the last report is the truncation point.
 */
export function createRtpSink(
  options: RtpSinkOptions,
  ctx: PluginContext,
  channel: RtpChannel = createRtpChannel(),
): RtpSink {
  const { scheduler, logger } = ctx;
  const ssrc = randomInt(0, 2 ** 32);
  let sequence = randomInt(0, 0x10000);
  const timestampBase = randomInt(0, 2 ** 32);
  let clockStartMs: number | undefined;
  let nextTimestamp = 0; // samples since clockStartMs, unbounded
  let ownSocket: Socket | undefined;
  let busy = false;
  let closed = false;
  const counts = { packets: 0, payloadBytes: 0, unsent: 0, interrupted: 0 };

  const wireSpec = (): PayloadSpec => {
    if (options.codec === 'auto') return channel.inbound ?? options.fallback;
    if (options.codec === 'PCMU') return { payloadType: 0, codec: 'PCMU', clockRate: 8000 };
    if (options.codec === 'PCMA') return { payloadType: 8, codec: 'PCMA', clockRate: 8000 };
    return { payloadType: options.payloadType, codec: 'L16', clockRate: options.clockRate };
  };

  const socketFor = (target: HostPort): Socket => {
    if (channel.socket !== undefined) return channel.socket;
    ownSocket ??= createSocket({ type: isIPv6(target.host) ? 'udp6' : 'udp4' });
    return ownSocket;
  };

  const send = (spec: PayloadSpec, payload: Uint8Array, marker: boolean): void => {
    const target = options.target ?? channel.remote;
    const nowMs = scheduler.now();
    clockStartMs ??= nowMs;
    if (marker) {
      // A new talkspurt: the timestamp catches up with the clock (RFC 3550 §5.1), never backwards.
      const byClock = Math.round(((nowMs - clockStartMs) * spec.clockRate) / 1000);
      nextTimestamp = Math.max(nextTimestamp, byClock);
    }
    const wire = spec.codec === 'L16' ? swapBytes16(payload) : payload;
    const datagram = serializeRtpPacket(
      {
        marker,
        payloadType: spec.payloadType,
        sequence,
        timestamp: (timestampBase + nextTimestamp) % 2 ** 32,
        ssrc,
      },
      wire,
    );
    sequence = (sequence + 1) & 0xffff;
    nextTimestamp += spec.codec === 'L16' ? payload.length / 2 : payload.length;
    if (target === undefined) {
      counts.unsent += 1;
      return;
    }
    counts.packets += 1;
    counts.payloadBytes += wire.length;
    socketFor(target).send(datagram, target.port, target.host, (error) => {
      if (error !== null && error !== undefined && !closed)
        logger.warn({ target: formatHostPort(target), err: error.message }, 'rtp send failed');
    });
  };

  const play = (frames$: Observable<AudioFrame>): Observable<PlaybackProgress> =>
    new Observable<PlaybackProgress>((subscriber) => {
      if (closed) {
        subscriber.error(new RtpError('E_RTP_SINK_CLOSED', 'rtp sink: play after close()'));
        return undefined;
      }
      if (busy) {
        subscriber.error(
          new RtpError('E_RTP_SINK_BUSY', 'rtp sink: play while another play is running'),
        );
        return undefined;
      }
      busy = true;
      const spec = wireSpec();
      const wireFormat = formatOfCodec(
        spec.codec === 'telephone-event' ? 'PCMU' : spec.codec,
        spec.clockRate,
      );
      const rechunker = createRechunker(wireFormat, options.ptimeMs);
      const packets: Uint8Array[] = [];
      const pendingInput: Uint8Array[] = [];
      let converter: FormatConverter | undefined;
      let converterReady = sameFormat(options.format, wireFormat);
      let inputMs = 0;
      let inputDone = false;
      let sentMs = 0;
      let sentAny = false;
      let finished = false;
      let timer: Subscription | undefined;
      let paceStartMs = 0;
      let paced = 0;

      const toWire = (data: Uint8Array): void => {
        const bytes = converter === undefined ? data : converter.process(data);
        packets.push(...rechunker.push(bytes));
      };

      const endInput = (): void => {
        if (converter !== undefined) {
          const tail = converter.flush();
          if (tail.length > 0) packets.push(...rechunker.push(tail));
        }
        const rest = rechunker.flush();
        if (rest !== undefined && rest.length > 0) {
          const padded = silence(wireFormat, options.ptimeMs);
          padded.set(rest);
          packets.push(padded);
        }
      };

      const finish = (): void => {
        finished = true;
        busy = false;
        subscriber.next({ playedMs: inputMs });
        subscriber.complete();
      };

      // Sends the packet due now, then sleeps until the next one is due on the pacing clock.
      const tick = (): void => {
        timer = undefined;
        const packet = packets.shift();
        if (packet === undefined) {
          if (inputDone && converterReady) finish();
          return; // an underrun: the next frame restarts the clock
        }
        send(spec, packet, !sentAny);
        sentAny = true;
        paced += 1;
        sentMs += options.ptimeMs;
        subscriber.next({ playedMs: Math.min(sentMs, inputMs) });
        if (packets.length === 0 && inputDone && converterReady) {
          finish();
          return;
        }
        const dueMs = paceStartMs + paced * options.ptimeMs;
        timer = scheduler.schedule(tick, Math.max(0, dueMs - scheduler.now()));
      };

      const kick = (): void => {
        if (timer !== undefined || finished) return;
        if (packets.length === 0 && !(inputDone && converterReady)) return;
        paceStartMs = scheduler.now();
        paced = 0;
        tick();
      };

      if (!converterReady) {
        createFormatConverter({ from: options.format, to: wireFormat }).then(
          (created) => {
            if (finished) {
              created.dispose();
              return;
            }
            converter = created;
            converterReady = true;
            for (const data of pendingInput.splice(0)) toWire(data);
            if (inputDone) endInput();
            kick();
          },
          (error: unknown) => subscriber.error(error),
        );
      }

      const input = frames$.subscribe({
        next: (frame) => {
          if (!sameFormat(frame.format, options.format)) {
            subscriber.error(
              new RtpError(
                'E_RTP_FORMAT_MISMATCH',
                `rtp sink: frame in ${describeFormatName(frame.format)}, expected ${describeFormatName(options.format)}`,
              ),
            );
            return;
          }
          inputMs += durationMs(frame.format, frame.data.length);
          if (converterReady) toWire(frame.data);
          else pendingInput.push(frame.data);
          kick();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          inputDone = true;
          if (converterReady) endInput();
          kick();
        },
      });

      return () => {
        if (!finished) counts.interrupted += sentAny ? 1 : 0;
        finished = true;
        busy = false;
        input.unsubscribe();
        timer?.unsubscribe();
        converter?.dispose();
      };
    });

  return {
    kind: 'rtp',
    format: options.format,
    play,
    stats: () => ({ ...counts }),
    close() {
      if (!closed) {
        closed = true;
        if (ownSocket !== undefined) {
          try {
            ownSocket.close();
          } catch {
            // already closed
          }
        }
      }
      return Promise.resolve();
    },
  };
}
