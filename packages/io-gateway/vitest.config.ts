import { defineConfig } from 'vitest/config';

// Tests run a real local server (wasm TTS) and real sockets on a shared 2-core machine: give them
// room. Nothing asserts on these limits.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
