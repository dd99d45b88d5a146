/** A UDP endpoint. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port`, `[v6]:port` or `v6-address:port` (the last colon splits). Returns
 * `undefined` for anything else, so schemas can word the error.
 */
export function parseHostPort(text: string): HostPort | undefined {
  const match = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^\s]+):(\d{1,5})$/.exec(text);
  if (match === null) return undefined;
  const host = match[1] ?? '';
  const port = Number(match[2]);
  if (host.length === 0 || port > 65535) return undefined;
  return { host, port };
}

/** `host:port`, bracketing IPv6 addresses. */
export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
