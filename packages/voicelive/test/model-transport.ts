import type { Transport } from '@voxd/core';

import type { VoiceLiveOptions } from '../src/voice-live-options.js';
import { createVoiceLiveTransport } from '../src/voice-live-transport.js';

/**
 * A transport to `endpoint` for model `gpt-realtime` with a throwaway api key, for tests about
 * something else; `options` override any field (reconnect policy, limits, logger).
 */
export function modelTransport(
  endpoint: string,
  options: Partial<VoiceLiveOptions> = {},
): Transport {
  return createVoiceLiveTransport({
    endpoint,
    target: { model: 'gpt-realtime' },
    auth: { type: 'api-key', key: 'k-123456' },
    ...options,
  });
}
