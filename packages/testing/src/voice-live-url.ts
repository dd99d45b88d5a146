/** Where a test client connects: a server's http(s) URL turned into ws(s), on a path, with a query. */
export function voiceLiveUrl(
  baseUrl: string,
  path: string | undefined,
  query: Readonly<Record<string, string>>,
): URL {
  const url = new URL(path ?? '/voice-live/realtime', baseUrl.replace(/^http/, 'ws'));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}
