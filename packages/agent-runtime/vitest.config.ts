import { defineConfig } from 'vitest/config';

// Sessions run over real sockets against the embedded server: generous timeouts so a loaded
// 2-core machine slows them down without failing them. No assertion depends on timing.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 },
});
