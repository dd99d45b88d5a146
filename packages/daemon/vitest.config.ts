import { defineConfig } from 'vitest/config';

// These tests run whole sessions over real sockets against the embedded server, which paces its
// audio in real time: generous timeouts, and files run one at a time to keep the 2-core CI calm.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 30_000, fileParallelism: false },
});
