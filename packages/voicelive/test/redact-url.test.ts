import { describe, expect, it } from 'vitest';

import { redactUrl, scrubSecrets } from '../src/redact-url.js';

describe('redactUrl', () => {
  it('replaces api-key and authorization values and keeps everything else', () => {
    const redacted = redactUrl(
      'wss://h/voice-live/realtime?api-version=2025-10-01&api-key=s3cret&model=m&Authorization=Bearer%20tok',
    );
    expect(redacted).toBe(
      'wss://h/voice-live/realtime?api-version=2025-10-01&api-key=***&model=m&Authorization=***',
    );
  });

  it('accepts URL objects and redacts agent access tokens and userinfo passwords', () => {
    const redacted = redactUrl(new URL('wss://user:pw@h/p?agent-access-token=abcd'));
    expect(redacted).not.toContain('abcd');
    expect(redacted).not.toContain('pw@');
    expect(redacted).toContain('agent-access-token=***');
  });

  it('redacts credential-looking parameters in text that is not a URL', () => {
    expect(redactUrl('garbage?api-key=s3cret&x=1')).toBe('garbage?api-key=***&x=1');
  });
});

describe('scrubSecrets', () => {
  it('removes every occurrence of each secret and ignores very short ones', () => {
    expect(scrubSecrets('key k3y-123 echoed: k3y-123', ['k3y-123', 'ab'])).toBe(
      'key *** echoed: ***',
    );
  });
});
