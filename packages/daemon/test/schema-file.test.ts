import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createBuiltinRegistry } from '@voxd/agent-runtime';
import { agentConfigJsonSchema } from '@voxd/config';
import { describe, expect, it } from 'vitest';

const SCHEMA_FILE = join(import.meta.dirname, '../../../configs/schema/agent.schema.json');

describe('configs/schema/agent.schema.json', () => {
  it('is what `voxd schema` prints for the built-in registry (regenerate: npm run schema)', async () => {
    const actual: unknown = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));
    expect(actual).toEqual(agentConfigJsonSchema(createBuiltinRegistry()));
  });

  it('names every built-in source, sink and plugin type', () => {
    const schema = agentConfigJsonSchema(createBuiltinRegistry());
    const properties = schema['properties'] as Record<string, Record<string, unknown>>;
    const kinds = (branches: unknown): unknown[] =>
      (branches as { properties?: { type?: { const?: unknown } } }[]).map(
        (b) => b.properties?.type?.const,
      );
    expect(kinds(properties['source']?.['oneOf'])).toEqual(['wav', 'gateway', 'rtp']);
    expect(kinds(properties['sink']?.['oneOf'])).toEqual(['wav', 'rtp']);
    expect(kinds((properties['plugins']?.['items'] as { oneOf: unknown }).oneOf)).toEqual([
      'transcript',
      'recorder',
      'tools-http',
      'tools-module',
      undefined, // any third-party plugin
    ]);
  });
});
