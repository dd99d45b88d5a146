import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { wavSinkPlugin, wavSourcePlugin } from '@voxd/io-wav';
import { describe, expect, it } from 'vitest';

import { agentConfigJsonSchema } from '../src/agent-config-json-schema.js';
import { testRegistry } from './test-registry.js';

const SCHEMA_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../configs/schema/agent.schema.json',
);

describe('agentConfigJsonSchema', () => {
  it('describes sources, sinks and plugins as a oneOf tagged by type', () => {
    const schema = agentConfigJsonSchema(testRegistry);
    const properties = schema['properties'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties).sort()).toEqual([
      'connection',
      'daemon',
      'name',
      'plugins',
      'session',
      'sink',
      'source',
    ]);
    expect(schema['required']).toEqual(['name', 'connection']);
    const sources = properties['source']?.['oneOf'] as Record<string, unknown>[];
    expect(
      sources.map((s) => (s['properties'] as Record<string, { const: string }>)['type']?.const),
    ).toEqual(['file', 'tone']);
    expect(sources[0]).toMatchObject({ required: ['type', 'path'], additionalProperties: false });
    const items = (properties['plugins']?.['items'] as Record<string, unknown>)[
      'oneOf'
    ] as unknown[];
    expect(items).toHaveLength(1);
    const session = properties['session']?.['properties'] as Record<string, unknown>;
    expect(Object.keys(session)).toContain('turn_detection');
  });

  it('configs/schema/agent.schema.json is up to date (regenerate: npm run schema -w @voxd/config)', async () => {
    const expected = agentConfigJsonSchema({
      sources: [wavSourcePlugin],
      sinks: [wavSinkPlugin],
      plugins: [],
    });
    const actual: unknown = JSON.parse(await readFile(SCHEMA_FILE, 'utf8'));
    expect(actual).toEqual(expected);
  });
});
