/**
 * The api-version values of the Voice Live protocol (reference §1.1). The dated ones share the core
 * protocol (later versions only add fields and events, which the schemas here already accept);
 * `v1` selects the other dialect (see `dialectOf`).
 */
export const API_VERSIONS: readonly string[] = Object.freeze([
  '2025-05-01-preview',
  '2025-10-01',
  '2026-01-01-preview',
  '2026-04-10',
  '2026-06-01-preview',
  '2026-07-15',
  'v1',
]);

/** The first GA contract, the baseline of the schemas in this package. */
export const DEFAULT_API_VERSION = '2025-10-01';
