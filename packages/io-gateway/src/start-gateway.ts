import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';

import { formatUpgradeResponse, rejectUpgrade, UPGRADE_REQUIRED } from '@voxd/protocol';
import type { UpgradeRejection } from '@voxd/protocol';
import { Subject } from 'rxjs';
import { WebSocketServer } from 'ws';

import { checkUpgrade, hashCredentials } from './check-upgrade.js';
import { GatewayError } from './gateway-error.js';
import type { Gateway, GatewayOptions, GatewaySession } from './gateway-options.js';
import type { RelaySession } from './relay-session.js';
import { createRelaySession } from './relay-session.js';
import { resolveOptions } from './resolve-options.js';

function endUpgrade(socket: Duplex, rejection: UpgradeRejection): void {
  socket.end(formatUpgradeResponse(rejection));
}

/**
 * Starts the Voice Live gateway: any Voice Live client (the official SDKs, a browser, k6) connects
 * to it as if it were Voice Live. Each client is checked against voxd's own credentials before the
 * upgrade, gets its own upstream from `createUpstream` (voxd's credentials stay inside that
 * transport), sees the agent's session in its first `session.created`, and is relayed both ways with
 * the agent's tools run inside voxd.
 *
 * @throws GatewayError `E_GATEWAY_OPTIONS` for bad options, `E_GATEWAY_LISTEN` if it cannot listen.
 * @example
 * const gateway = await startGateway({
 *   port: 0,
 *   auth: { apiKeys: [clientKey], bearerTokens: [] },
 *   session: { instructions: 'You are a helpful agent.' },
 *   createUpstream: () => createVoiceLiveTransport({ endpoint, target: { model }, auth }),
 * });
 * const client = new VoiceLiveClient(gateway.url, new AzureKeyCredential(clientKey));
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const resolved = resolveOptions(options);
  const { logger } = resolved;
  const credentials = hashCredentials(options.auth);
  const sessions = new Set<RelaySession>();
  const sessions$ = new Subject<GatewaySession>();
  let pendingUpgrades = 0;
  let accepting = true;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: resolved.maxFrameBytes,
    // Declining permessage-deflate is allowed (§1.4) and keeps audio relaying cheap.
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });

  const http = createServer((_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(UPGRADE_REQUIRED.status, { 'Content-Type': 'application/json' });
    response.end(UPGRADE_REQUIRED.body);
  });

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!accepting) {
      endUpgrade(
        socket,
        rejectUpgrade(503, 'ServiceUnavailable', 'the gateway is draining; try another instance'),
      );
      return;
    }
    const check = checkUpgrade(request, resolved.paths, credentials);
    if (!check.ok) {
      logger.info({ status: check.status, code: check.code }, 'gateway upgrade rejected');
      endUpgrade(socket, check);
      return;
    }
    if (sessions.size + pendingUpgrades >= resolved.maxSessions) {
      endUpgrade(
        socket,
        rejectUpgrade(
          503,
          'ServiceUnavailable',
          `the gateway is at its limit of ${resolved.maxSessions} sessions`,
        ),
      );
      return;
    }
    pendingUpgrades++;
    wss.handleUpgrade(request, socket, head, (ws) => {
      pendingUpgrades--;
      const id = `gw_${randomBytes(10).toString('hex')}`;
      let upstream;
      try {
        upstream = resolved.createUpstream({ sessionId: id, query: check.query });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error({ sessionId: id, err: message }, 'gateway could not create the upstream');
        ws.close(1011, 'upstream unavailable');
        return;
      }
      const session = createRelaySession({
        id,
        ws,
        upstream,
        options: resolved,
        announce: (created) => {
          sessions.add(created);
          sessions$.next(created);
        },
      });
      logger.info({ sessionId: id }, 'gateway session opened');
      void session.closed.then(() => sessions.delete(session));
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (cause: Error): void =>
      reject(
        new GatewayError(
          'E_GATEWAY_LISTEN',
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

  async function closeAll(reason: string): Promise<void> {
    const all = [...sessions];
    for (const session of all) session.close(1001, reason);
    await Promise.all(all.map((session) => session.closed));
  }

  const close = (): Promise<void> => {
    closing ??= (async () => {
      accepting = false;
      await closeAll('gateway shutting down');
      wss.close();
      sessions$.complete();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    })();
    return closing;
  };

  return {
    url: `http://${host}:${port}`,
    port,
    sessions$: sessions$.asObservable(),
    activeSessions: () => sessions.size,
    async drain({ deadlineMs }) {
      accepting = false;
      const deadline = new Promise<void>((resolve) => {
        const timeout = setTimeout(resolve, deadlineMs);
        timeout.unref();
      });
      await Promise.race([
        Promise.all([...sessions].map((session) => session.settled())),
        deadline,
      ]);
      await closeAll('gateway draining');
    },
    close,
  };
}
