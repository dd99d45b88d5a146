import { defineConfig } from 'vitest/config';

// Tests run real sockets, real child processes and the wasm TTS on a shared 2-core machine: give
// them room. Nothing asserts on these limits.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000, exclude: ['**/node_modules/**', '**/dist/**'] },
});
