import { defineConfig } from 'vitest/config';

// Tests use real files and real HTTP servers on 127.0.0.1: generous timeouts so a loaded 2-core
// machine slows them down without failing them. No assertion depends on timing.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
