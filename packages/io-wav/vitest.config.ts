import { defineConfig } from 'vitest/config';

// Tests use real files, child processes and (a few) real-time playout: generous timeouts so a
// loaded 2-core machine slows them down without failing them. No assertion depends on timing.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
