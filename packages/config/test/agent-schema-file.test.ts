import { describe, expect, it } from 'vitest';

import { agentConfigJsonSchema } from '../src/agent-config-json-schema.js';
import { testRegistry } from './test-registry.js';

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
    // The one test plugin, then any third-party plugin (named by package, options its own).
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({
      properties: { type: { type: 'string', not: { enum: ['transcript'] } } },
      additionalProperties: true,
    });
    const session = properties['session']?.['properties'] as Record<string, unknown>;
    expect(Object.keys(session)).toContain('turn_detection');
  });
});
