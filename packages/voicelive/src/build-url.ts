import { redactUrl } from './redact-url.js';
import { TransportError } from './transport-error.js';
import type { VoiceLiveAuth, VoiceLiveTarget } from './voice-live-options.js';

const REALTIME_PATH = '/voice-live/realtime';

export interface BuildUrlInput {
  readonly endpoint: string;
  readonly target: VoiceLiveTarget;
  readonly apiVersion: string;
  readonly auth?: VoiceLiveAuth;
}

/**
 * Builds the WebSocket URL of a Voice Live session from an endpoint, a target and an api-version.
 * The key goes into the query only for `{ type: 'api-key', in: 'query' }`.
 *
 * @throws TransportError `E_TRANSPORT_OPTIONS` if the endpoint is not an http(s)/ws(s) URL.
 * @example
 * buildVoiceLiveUrl({ endpoint: 'https://r.services.ai.azure.com', target: { model: 'gpt-realtime' }, apiVersion: '2025-10-01' })
 * // wss://r.services.ai.azure.com/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime
 */
export function buildVoiceLiveUrl(input: BuildUrlInput): URL {
  let url: URL;
  try {
    url = new URL(input.endpoint);
  } catch (error) {
    throw new TransportError(
      'E_TRANSPORT_OPTIONS',
      `endpoint is not a URL: "${redactUrl(input.endpoint)}"`,
      {
        cause: error,
      },
    );
  }
  url.protocol = websocketProtocol(url.protocol, input.endpoint);
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = prefix.endsWith(REALTIME_PATH) ? prefix : `${prefix}${REALTIME_PATH}`;
  url.hash = '';

  const query = url.searchParams;
  query.set('api-version', input.apiVersion);
  if ('model' in input.target) {
    query.set('model', input.target.model);
  } else {
    const { agent } = input.target;
    query.set('agent-name', agent.name);
    query.set('agent-project-name', agent.project);
    if (agent.version !== undefined) query.set('agent-version', agent.version);
    if (agent.conversationId !== undefined) query.set('conversation-id', agent.conversationId);
  }
  if (input.auth?.type === 'api-key' && input.auth.in === 'query') {
    query.set('api-key', input.auth.key);
  }
  return url;
}

function websocketProtocol(protocol: string, endpoint: string): 'ws:' | 'wss:' {
  switch (protocol) {
    case 'https:':
    case 'wss:':
      return 'wss:';
    case 'http:':
    case 'ws:':
      return 'ws:';
    default:
      throw new TransportError(
        'E_TRANSPORT_OPTIONS',
        `endpoint must be an http(s) or ws(s) URL, got ${protocol} in "${redactUrl(endpoint)}"`,
      );
  }
}
