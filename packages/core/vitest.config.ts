import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

// @voxd/testing depends on @voxd/core; core's tests load testing from source (see tsconfig.json).
export default defineConfig({
  resolve: {
    alias: {
      '@voxd/testing': fileURLToPath(new URL('../testing/src/index.ts', import.meta.url)),
    },
  },
  test: { include: ['test/**/*.test.ts'] },
});
