import { randomBytes } from 'node:crypto';

import type { LocalServer, LocalServerOptions } from '@voxd/local-server';
import { startLocalServer } from '@voxd/local-server';

/** The embedded local Voice Live server an agent with `endpoint: local` talks to. */
export interface EmbeddedServer {
  readonly url: string;
  /** The key voxd generated for it: the embedded server accepts nothing else. */
  readonly apiKey: string;
  readonly server: LocalServer;
}

/**
 * Starts the embedded server on a free loopback port with a fresh random key, so nothing else on
 * the machine can use it by accident.
 */
export async function startEmbeddedServer(
  options: Omit<LocalServerOptions, 'host' | 'port' | 'apiKeys'> = {},
): Promise<EmbeddedServer> {
  const apiKey = randomBytes(18).toString('base64url');
  const server = await startLocalServer({
    ...options,
    host: '127.0.0.1',
    port: 0,
    apiKeys: [apiKey],
  });
  return { url: server.url, apiKey, server };
}
