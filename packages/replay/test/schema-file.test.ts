import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { suiteJsonSchema } from '../src/index.js';

const SCHEMA_FILE = join(import.meta.dirname, '../../../configs/schema/replay-suite.schema.json');

describe('configs/schema/replay-suite.schema.json', () => {
  it('is what `voxd schema --replay-suite` prints (regenerate: npm run schema)', async () => {
    expect(JSON.parse(await readFile(SCHEMA_FILE, 'utf8'))).toEqual(suiteJsonSchema());
  });
});
