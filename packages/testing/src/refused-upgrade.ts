import { WebSocket } from 'ws';

import type { VoiceLiveTestClientOptions } from './voice-live-test-client.js';
import { voiceLiveUrl } from './voice-live-url.js';

/**
 * Attempts a WebSocket upgrade that the server is expected to refuse, and resolves with the HTTP
 * status and body of the refusal; rejects if the upgrade is accepted. Unlike
 * `connectVoiceLiveClient`, an omitted `query` sends no query at all, so a test can leave out
 * `api-version`.
 */
export function refusedUpgrade(
  baseUrl: string,
  options: Omit<VoiceLiveTestClientOptions, 'protocols'> = {},
): Promise<{ status: number; body: string }> {
  const url = voiceLiveUrl(baseUrl, options.path, options.query ?? {});
  const ws = new WebSocket(url, { headers: { ...options.headers } });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += String(chunk)));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      reject(new Error('upgrade was accepted'));
    });
    // The refusal itself surfaces as an error too; the response above is what the test wants.
    ws.on('error', () => undefined);
  });
}
