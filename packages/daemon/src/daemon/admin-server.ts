import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';

import type { VoiceMetrics } from '@voxd/metrics';
import { metricsText } from '@voxd/metrics';

import type { AgentStatus } from './agent-runner.js';
import { DaemonError } from './daemon-error.js';

/** Readiness of one agent, as `/readyz` reports it. */
export interface AgentReadiness {
  readonly name: string;
  readonly ready: boolean;
  /** Where a gateway agent's clients connect. */
  readonly url?: string;
  /** Why not, e.g. `state failed` or `upstream wss://… unreachable`. */
  readonly reason?: string;
}

/** What the admin server reads from the daemon. */
export interface AdminSource {
  readonly metrics: VoiceMetrics;
  agents(): readonly AgentStatus[];
  readiness(): Promise<readonly AgentReadiness[]>;
  draining(): boolean;
}

/** A running admin server. */
export interface AdminServer {
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

async function route(source: AdminSource, request: IncomingMessage, response: ServerResponse) {
  const path = new URL(request.url ?? '/', 'http://admin').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, { error: { code: 'method_not_allowed', message: 'use GET' } });
    return;
  }
  switch (path) {
    case '/metrics': {
      const { contentType, body } = await metricsText(source.metrics);
      response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
      response.end(body);
      return;
    }
    case '/healthz':
      sendJson(response, 200, { status: 'ok' });
      return;
    case '/readyz': {
      if (source.draining()) {
        sendJson(response, 503, { status: 'draining', agents: [] });
        return;
      }
      const agents = await source.readiness();
      const ready = agents.every((a) => a.ready);
      sendJson(response, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not ready',
        agents,
      });
      return;
    }
    case '/agents':
      // A generated gateway key is shown once, in the banner; never over HTTP.
      sendJson(response, 200, {
        draining: source.draining(),
        agents: source.agents().map(({ generatedKey: _key, ...status }) => status),
      });
      return;
    default:
      sendJson(response, 404, {
        error: {
          code: 'not_found',
          message: `no route ${path}: try /metrics, /healthz, /readyz or /agents`,
        },
      });
  }
}

/**
 * Starts the admin HTTP server: `/metrics` (Prometheus text), `/healthz` (200 while the process
 * runs), `/readyz` (200 when every agent is ready and its upstream reachable; 503 with the reasons,
 * and 503 while draining), `/agents` (JSON status). Everything else is a JSON 404.
 *
 * @throws {DaemonError} `E_DAEMON_ADMIN_LISTEN` when it cannot listen (port in use, bad host).
 */
export async function startAdminServer(
  source: AdminSource,
  options: { readonly host: string; readonly port: number },
): Promise<AdminServer> {
  const server: Server = createServer((request, response) => {
    route(source, request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, {
          error: { code: 'internal', message: error instanceof Error ? error.message : 'error' },
        });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new DaemonError(
          'E_DAEMON_ADMIN_LISTEN',
          `admin server cannot listen on ${options.host}:${options.port}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
