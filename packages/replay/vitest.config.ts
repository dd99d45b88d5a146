import { defineConfig } from 'vitest/config';

// Suites run whole sessions over real loopback sockets against the embedded server (on a virtual
// clock, so fast): generous timeouts only for a loaded 2-core machine. No assertion on wall time.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 },
});
