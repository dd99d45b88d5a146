import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

import { formatUpgradeResponse, rejectUpgrade, UPGRADE_REQUIRED } from '@voxd/protocol';
import type { UpgradeRejection } from '@voxd/protocol';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

import { createTranscriber, loadSilero } from './engines.js';
import { checkHandshake } from './handshake.js';
import { LocalServerError } from './local-server-error.js';
import type { LocalServerOptions } from './local-server-options.js';
import { resolveOptions } from './local-server-options.js';
import { createResponderFactory } from './responders/create-responder.js';
import { createRng } from './rng.js';
import { createVoiceSession } from './session/voice-session.js';
import { createSpeaker } from './speaker.js';
import type { VoiceSession, VoiceSessionState } from './session/voice-session.js';

/** Counters of a running server. */
export interface LocalServerStats {
  readonly activeSessions: number;
  readonly totalSessions: number;
  readonly rejectedUpgrades: number;
  readonly responses: number;
  /** Client frames received and server events sent, over all sessions. */
  readonly framesReceived: number;
  readonly eventsSent: number;
}

/** A running local Voice Live server. */
export interface LocalServer {
  /** `http://HOST:PORT`: pass it as the endpoint of the official SDK. */
  readonly url: string;
  readonly port: number;
  /** Closes every session (1001) and stops listening. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
  stats(): LocalServerStats;
  /** The open sessions' counters and whether each is idle (see `VoiceSessionState`). */
  sessions(): readonly VoiceSessionState[];
}

const GOING_AWAY = 1001;

function endUpgrade(socket: Duplex, rejection: UpgradeRejection): void {
  socket.end(formatUpgradeResponse(rejection));
}

/**
 * Starts the embedded Voice Live server: WebSocket upgrades on `/voice-live/realtime` (and
 * `/voice-agent/realtime`), checked before the upgrade (api-version, target, credentials).
 *
 * @throws LocalServerError `E_LOCAL_SERVER_OPTIONS`, `E_LOCAL_SERVER_SCRIPT` or `E_LOCAL_SERVER_LISTEN`.
 * @example
 * await using server = await startLocalServer({ port: 0, responder: 'tone', pace: 'asap' });
 * const client = new VoiceLiveClient(server.url, new AzureKeyCredential('any'));
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const resolved = resolveOptions(options);
  const { logger, faults } = resolved;
  const responderFactory = await createResponderFactory(resolved.responder);
  const rng = createRng(resolved.seed);
  const { speak, warmUp } = createSpeaker();
  // Input transcription uses the offline recogniser when src/transcribe provides one.
  const transcriber = options.transcriber ?? (await createTranscriber());
  // The Silero model loads once per process, before the first session needs it.
  if (resolved.vad === 'silero') await loadSilero();
  // The TTS engine takes about 1.5 s to load: pay it at start, not in the first response.
  if (resolved.responder !== 'tone') await warmUp();
  const sessions = new Map<WebSocket, VoiceSession>();
  let totalSessions = 0;
  let rejectedUpgrades = 0;
  let responses = 0;
  let framesReceived = 0;
  let eventsSent = 0;
  let refused = 0;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: resolved.maxFrameBytes,
    perMessageDeflate: resolved.perMessageDeflate,
    // Offered `realtime` is accepted; nothing is required (§1.2).
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });

  const http = createServer((_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(UPGRADE_REQUIRED.status, { 'Content-Type': 'application/json' });
    response.end(UPGRADE_REQUIRED.body);
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = faults.refuseUpgrades;
    if (refuse === true || (typeof refuse === 'number' && refused < refuse)) {
      refused++;
      rejectedUpgrades++;
      endUpgrade(
        socket,
        rejectUpgrade(503, 'ServiceUnavailable', 'fault injected: upgrades are refused'),
      );
      return;
    }
    const check = checkHandshake(request, resolved);
    if (!check.ok) {
      rejectedUpgrades++;
      logger.info('upgrade rejected', { status: check.status, code: check.code });
      endUpgrade(socket, check);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      totalSessions++;
      // Events sent in one tick (a delta pair, the burst at the end of a turn) leave in one write
      // syscall instead of one each: the socket is corked until the current task has run.
      let corked = false;
      const uncork = (): void => {
        if (!corked) return;
        corked = false;
        socket.uncork();
      };
      const session = createVoiceSession({
        socket: {
          sendText: (text) => {
            eventsSent++;
            if (!corked) {
              corked = true;
              socket.cork();
              queueMicrotask(uncork);
            }
            ws.send(text);
          },
          drop: () => {
            uncork(); // what was sent before the fault goes out first
            ws.terminate();
          },
        },
        target: check.target,
        apiVersion: check.apiVersion,
        dialect: check.dialect,
        options: resolved,
        rng: rng.fork(),
        responder: responderFactory(),
        speak,
        transcriber,
        nextResponseOrdinal: () => ++responses,
      });
      sessions.set(ws, session);
      logger.info('session opened', {
        sessionId: session.id,
        apiVersion: check.apiVersion,
        dialect: check.dialect,
        // Accepted and recorded; the local server has no preview-only behaviour to switch on.
        features: check.features,
      });
      ws.on('message', (data, isBinary) => {
        // Binary frames carrying the same JSON are accepted, as clients accept them from servers.
        framesReceived++;
        if (isBinary) {
          logger.debug('binary client frame read as JSON text', { sessionId: session.id });
        }
        // The parser takes bytes as they came (and checks their UTF-8 itself).
        session.handleFrame(
          Array.isArray(data)
            ? Buffer.concat(data)
            : data instanceof ArrayBuffer
              ? new Uint8Array(data)
              : data,
        );
      });
      ws.on('error', (error) =>
        logger.warn('socket error', { sessionId: session.id, error: error.message }),
      );
      ws.on('close', (code) => {
        session.dispose();
        sessions.delete(ws);
        logger.info('session closed', { sessionId: session.id, code });
      });
      const delayMs = faults.delayMs ?? 0;
      if (delayMs > 0) setTimeout(() => ws.readyState === ws.OPEN && session.start(), delayMs);
      else session.start();
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (cause: Error): void =>
      reject(
        new LocalServerError(
          'E_LOCAL_SERVER_LISTEN',
          `cannot listen on ${resolved.host}:${resolved.port}: ${cause.message}`,
          { cause },
        ),
      );
    http.once('error', onError);
    http.listen(resolved.port, resolved.host, () => {
      http.off('error', onError);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : resolved.port;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | undefined;

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const [ws, session] of sessions) {
        session.dispose();
        ws.close(GOING_AWAY, 'server shutting down');
      }
      // Sockets that do not finish the close handshake in time are cut.
      const force = setTimeout(() => {
        for (const ws of sessions.keys()) ws.terminate();
      }, 1000);
      force.unref();
      wss.close();
      http.close(() => {
        clearTimeout(force);
        resolve();
      });
      http.closeIdleConnections();
    });
    return closing;
  };

  return {
    url: `http://${host}:${port}`,
    port,
    close,
    [Symbol.asyncDispose]: close,
    stats: () => ({
      activeSessions: sessions.size,
      totalSessions,
      rejectedUpgrades,
      responses,
      framesReceived,
      eventsSent,
    }),
    sessions: () => [...sessions.values()].map((session) => session.state()),
  };
}
