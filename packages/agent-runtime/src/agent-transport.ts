import type { AgentConfig } from '@voxd/config';
import type { Logger, Transport } from '@voxd/core';
import type { VoiceLiveAuth, VoiceLiveTarget } from '@voxd/voicelive';
import { createEntraTokenProvider, createVoiceLiveTransport } from '@voxd/voicelive';

import type { EmbeddedServer } from './embedded-server.js';

/** Where an agent's sessions connect: its own endpoint, or the embedded server for `local`. */
export interface AgentEndpoint {
  readonly url: string;
  readonly auth: VoiceLiveAuth;
}

/** Resolves `connection.endpoint` and `connection.auth` of an agent to a URL and credentials. */
export function resolveAgentEndpoint(
  connection: AgentConfig['connection'],
  embedded: EmbeddedServer | undefined,
): AgentEndpoint {
  if (connection.endpoint === 'local') {
    if (embedded === undefined) throw new Error('endpoint local needs the embedded server started');
    return { url: embedded.url, auth: { type: 'api-key', key: embedded.apiKey } };
  }
  const auth = connection.auth;
  if (auth === undefined) throw new Error('a remote endpoint needs auth');
  return {
    url: connection.endpoint,
    auth:
      auth.type === 'api-key'
        ? { type: 'api-key', key: auth.key, in: auth.in }
        : { type: 'token', getToken: createEntraTokenProvider() },
  };
}

/** The transport of one session of `config`. */
export function createAgentTransport(
  config: AgentConfig,
  endpoint: AgentEndpoint,
  logger: Logger,
): Transport {
  const { connection } = config;
  const target: VoiceLiveTarget =
    connection.agent === undefined
      ? { model: connection.model ?? 'gpt-realtime' }
      : {
          agent: {
            name: connection.agent.name,
            project: connection.agent.project,
            ...(connection.agent.version === undefined
              ? {}
              : { version: connection.agent.version }),
            ...(connection.agent.conversation_id === undefined
              ? {}
              : { conversationId: connection.agent.conversation_id }),
          },
        };
  return createVoiceLiveTransport({
    endpoint: endpoint.url,
    target,
    auth: endpoint.auth,
    ...(connection.api_version === undefined ? {} : { apiVersion: connection.api_version }),
    logger,
  });
}
