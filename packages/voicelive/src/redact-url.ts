/** Query parameters whose values are credentials (compared case-insensitively). */
const SECRET_PARAMS = new Set(['api-key', 'authorization', 'agent-access-token']);

/**
 * Returns `url` as a string with every credential query value (`api-key`, `authorization`,
 * `agent-access-token`) replaced by `***`, for logs and error messages.
 *
 * @example redactUrl('wss://x/voice-live/realtime?api-key=abc&model=m') // '…?api-key=***&model=m'
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: redact anything that looks like a credential parameter in the raw text.
    return String(url).replace(
      /((?:api-key|authorization|agent-access-token)=)[^&#\s]*/gi,
      '$1***',
    );
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.has(name.toLowerCase())) parsed.searchParams.set(name, '***');
  }
  if (parsed.password !== '') parsed.password = '***';
  // URLSearchParams encodes `*` as `%2A`; keep the marker readable.
  return parsed.toString().replaceAll('%2A%2A%2A', '***');
}

/** Replaces every occurrence of each secret (length ≥ 4) in `text` by `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}
