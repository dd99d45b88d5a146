import type { PluginRegistry } from '@voxd/core';
import { z } from 'zod';

import { createAgentConfigSchema } from './agent-config-schema.js';
import type { SelectableDescriptor } from './plugin-selection-schema.js';

export type JsonSchema = Record<string, unknown>;

const TO_JSON = { io: 'input', unrepresentable: 'any' } as const;

function withoutMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** `{ type: <kind>, …options }` for one descriptor: the options' own schema plus the `type` tag. */
function selectionJsonSchema(descriptor: SelectableDescriptor): JsonSchema {
  const tag = { type: 'string', const: descriptor.kind };
  let options: JsonSchema;
  try {
    options = withoutMeta(z.toJSONSchema(descriptor.options, TO_JSON));
  } catch {
    // A third-party plugin built on another zod (v3) has a schema this zod cannot convert: its
    // options are then described as open (its own schema still validates them).
    return { allOf: [{ type: 'object', properties: { type: tag }, required: ['type'] }, {}] };
  }
  const properties = options['properties'];
  if (options['type'] === 'object' && typeof properties === 'object' && properties !== null) {
    const required = Array.isArray(options['required']) ? (options['required'] as unknown[]) : [];
    return {
      ...options,
      properties: { type: tag, ...properties },
      required: ['type', ...required],
    };
  }
  return { allOf: [{ type: 'object', properties: { type: tag }, required: ['type'] }, options] };
}

function selectionUnion(descriptors: readonly SelectableDescriptor[]): JsonSchema {
  return { oneOf: descriptors.map(selectionJsonSchema) };
}

/** Any plugin not built in: named by npm package or ./path, options described by its own package. */
function thirdPartyPlugin(descriptors: readonly SelectableDescriptor[]): JsonSchema {
  return {
    type: 'object',
    description:
      'A third-party plugin: `type` is its npm package name or a ./path to its module; the package validates its own options',
    properties: {
      type: { type: 'string', not: { enum: descriptors.map((d) => d.kind) } },
    },
    required: ['type'],
    additionalProperties: true,
  };
}

/**
 * The JSON Schema (draft 2020-12) of an agent file for the plugin types in `registry`, for editors
 * (`# yaml-language-server: $schema=…`) and `voxd schema`. `source`, `sink` and `plugins` items are
 * a `oneOf` over the registered types, tagged by `type`; `plugins` items may also name a
 * third-party plugin package.
 */
export function agentConfigJsonSchema(registry: PluginRegistry): JsonSchema {
  const schema = z.toJSONSchema(createAgentConfigSchema(registry), TO_JSON) as JsonSchema;
  const properties = { ...(schema['properties'] as Record<string, JsonSchema>) };
  properties['source'] = {
    description: 'Where user audio comes from',
    ...selectionUnion(registry.sources),
  };
  properties['sink'] = {
    description: 'Where assistant audio goes',
    ...selectionUnion(registry.sinks),
  };
  properties['plugins'] = {
    description: 'Session plugins: tools, audio processors, event taps',
    type: 'array',
    items: {
      oneOf: [...registry.plugins.map(selectionJsonSchema), thirdPartyPlugin(registry.plugins)],
    },
    default: [],
  };
  return {
    $schema: schema['$schema'],
    $id: 'https://voxd.dev/schema/agent.schema.json',
    title: 'voxd agent',
    description:
      'One voice agent: its Voice Live connection, session, audio source and sink, and plugins.',
    ...withoutMeta(schema),
    properties,
  };
}
