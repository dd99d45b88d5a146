/**
 * The two wire shapes of Voice Live (reference §1.1): `dated` is the shape of the dated
 * api-versions (`2025-10-01` … `2026-07-15`, frozen), `v1` the OpenAI Realtime GA shape with Voice
 * Live extensions that `api-version=v1` selects.
 */
export type Dialect = 'dated' | 'v1';

export const DIALECTS: readonly Dialect[] = Object.freeze(['dated', 'v1'] as const);

/**
 * The dialect a connection speaks, from its `api-version`; chosen once per connection. Every value
 * but the `v1` label (any dated version, and an unknown one a lenient server let through) is the
 * dated shape, since only `v1` changed the wire.
 *
 * @example dialectOf('v1') // 'v1'; dialectOf('2025-10-01') // 'dated'
 */
export function dialectOf(apiVersion: string): Dialect {
  return apiVersion === 'v1' ? 'v1' : 'dated';
}
