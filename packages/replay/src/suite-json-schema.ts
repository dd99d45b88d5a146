import { z } from 'zod';

import { suiteSchema } from './suite-schema.js';

/** The JSON Schema of suite files, for editors (`configs/schema/replay-suite.schema.json`). */
export function suiteJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(suiteSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'voxd replay suite',
  };
}
