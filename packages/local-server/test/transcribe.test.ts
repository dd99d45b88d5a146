import { expect, it } from 'vitest';

import { createTranscriber } from '../src/transcribe/index.js';

it('reports that no offline recogniser is available (none installs from npm with its model)', async () => {
  await expect(createTranscriber()).resolves.toBeUndefined();
});
