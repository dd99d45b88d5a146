import { defineConfig } from 'vitest/config';

// Tests use real UDP sockets on loopback and real peer programs (GStreamer, ffmpeg): generous
// timeouts so a loaded 2-core machine slows them down without failing them.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
