import { describe, expect, it } from 'vitest';

import { buildVoiceLiveUrl } from '../src/build-url.js';
import { TransportError } from '../src/transport-error.js';

const model = { model: 'gpt-realtime' } as const;
const apiVersion = '2025-10-01';

describe('buildVoiceLiveUrl', () => {
  it('turns https into wss and appends the realtime path', () => {
    const url = buildVoiceLiveUrl({
      endpoint: 'https://r.services.ai.azure.com',
      target: model,
      apiVersion,
    });
    expect(url.toString()).toBe(
      'wss://r.services.ai.azure.com/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime',
    );
  });

  it('turns http into ws and keeps the port', () => {
    const url = buildVoiceLiveUrl({ endpoint: 'http://127.0.0.1:8123', target: model, apiVersion });
    expect(url.protocol).toBe('ws:');
    expect(url.host).toBe('127.0.0.1:8123');
    expect(url.pathname).toBe('/voice-live/realtime');
  });

  it('keeps ws and wss endpoints as they are', () => {
    expect(buildVoiceLiveUrl({ endpoint: 'ws://h:1', target: model, apiVersion }).protocol).toBe(
      'ws:',
    );
    expect(buildVoiceLiveUrl({ endpoint: 'wss://h', target: model, apiVersion }).protocol).toBe(
      'wss:',
    );
  });

  it('keeps a path prefix, with or without a trailing slash', () => {
    for (const endpoint of ['https://gw.example/tenant/a', 'https://gw.example/tenant/a/']) {
      expect(buildVoiceLiveUrl({ endpoint, target: model, apiVersion }).pathname).toBe(
        '/tenant/a/voice-live/realtime',
      );
    }
  });

  it('does not append the path twice', () => {
    const url = buildVoiceLiveUrl({
      endpoint: 'wss://h/voice-live/realtime',
      target: model,
      apiVersion,
    });
    expect(url.pathname).toBe('/voice-live/realtime');
  });

  it('keeps query parameters of the endpoint and drops a fragment', () => {
    const url = buildVoiceLiveUrl({ endpoint: 'https://h/p?x=1#frag', target: model, apiVersion });
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.hash).toBe('');
  });

  it('uses the given api-version', () => {
    const url = buildVoiceLiveUrl({
      endpoint: 'https://h',
      target: model,
      apiVersion: '2026-07-15',
    });
    expect(url.searchParams.get('api-version')).toBe('2026-07-15');
  });

  it('builds the agent query with every optional field', () => {
    const url = buildVoiceLiveUrl({
      endpoint: 'https://h',
      target: {
        agent: { name: 'helper', project: 'proj', version: '3', conversationId: 'conv_1' },
      },
      apiVersion,
    });
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'api-version': apiVersion,
      'agent-name': 'helper',
      'agent-project-name': 'proj',
      'agent-version': '3',
      'conversation-id': 'conv_1',
    });
    expect(url.searchParams.has('model')).toBe(false);
  });

  it('leaves optional agent fields out when absent', () => {
    const url = buildVoiceLiveUrl({
      endpoint: 'https://h',
      target: { agent: { name: 'helper', project: 'proj' } },
      apiVersion,
    });
    expect([...url.searchParams.keys()]).toEqual([
      'api-version',
      'agent-name',
      'agent-project-name',
    ]);
  });

  it('puts the key in the query only when asked to', () => {
    const header = buildVoiceLiveUrl({
      endpoint: 'https://h',
      target: model,
      apiVersion,
      auth: { type: 'api-key', key: 'k1' },
    });
    expect(header.searchParams.has('api-key')).toBe(false);
    const query = buildVoiceLiveUrl({
      endpoint: 'https://h',
      target: model,
      apiVersion,
      auth: { type: 'api-key', key: 'k1', in: 'query' },
    });
    expect(query.searchParams.get('api-key')).toBe('k1');
  });

  it('refuses other schemes and non-URLs with E_TRANSPORT_OPTIONS, without leaking keys', () => {
    expect(() => buildVoiceLiveUrl({ endpoint: 'ftp://h', target: model, apiVersion })).toThrow(
      /http\(s\) or ws\(s\) URL, got ftp:/,
    );
    try {
      buildVoiceLiveUrl({ endpoint: 'not a url?api-key=secret123', target: model, apiVersion });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).code).toBe('E_TRANSPORT_OPTIONS');
      expect((error as TransportError).message).not.toContain('secret123');
    }
  });
});
