import type { PathSegment } from './yaml-source.js';

/** A key the schema does not describe, with the keys it does describe at that place. */
export interface UnknownKey {
  /** Path of the mapping that holds the key. */
  readonly path: readonly PathSegment[];
  readonly key: string;
  readonly known: readonly string[];
}

type JsonSchema = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function branchesOf(schema: JsonSchema): JsonSchema[] {
  const list = (key: string): unknown[] => {
    const value = schema[key];
    return Array.isArray(value) ? (value as unknown[]) : [];
  };
  const branches = [...list('anyOf'), ...list('oneOf')];
  return branches
    .filter(isRecord)
    .flatMap((b) => (b['anyOf'] !== undefined || b['oneOf'] !== undefined ? branchesOf(b) : [b]));
}

/** The object branch a value belongs to: the one whose `type` const matches, or all of them merged. */
function objectBranch(value: Record<string, unknown>, schema: JsonSchema): JsonSchema | undefined {
  const objects = [schema, ...branchesOf(schema)].filter((b) => isRecord(b['properties']));
  if (objects.length <= 1) return objects[0];
  const tagged = objects.find((b) => {
    const type = (b['properties'] as Record<string, unknown>)['type'];
    return isRecord(type) && type['const'] !== undefined && type['const'] === value['type'];
  });
  if (tagged !== undefined) return tagged;
  // No tag decides and some branch takes any keys (a third-party plugin, an opaque schema): the
  // value cannot be checked here; its own schema validates it.
  if (
    branchesOf(schema).some((b) => b['additionalProperties'] === true || !isRecord(b['properties']))
  )
    return undefined;
  // No tag decides: accept any key some branch knows, so no false alarms.
  const properties = Object.assign({}, ...objects.map((b) => b['properties'] as object)) as object;
  return { type: 'object', properties };
}

function arrayItems(schema: JsonSchema): JsonSchema | undefined {
  const arrays = [schema, ...branchesOf(schema)].filter((b) => isRecord(b['items']));
  return arrays.length === 1 ? (arrays[0]?.['items'] as JsonSchema) : undefined;
}

/**
 * Walks `value` alongside a JSON Schema and lists every mapping key the schema's `properties` do
 * not name, even where the schema itself tolerates extra keys. This turns the forward-compatible
 * (loose) wire schemas into strict checks for hand-written files, where an unknown key is almost
 * always a typo. Mappings described without `properties` (free-form maps) are not checked.
 */
export function findUnknownKeys(
  value: unknown,
  schema: JsonSchema,
  path: readonly PathSegment[] = [],
): UnknownKey[] {
  if (Array.isArray(value)) {
    const items = arrayItems(schema);
    if (items === undefined) return [];
    return value.flatMap((item, i) => findUnknownKeys(item, items, [...path, i]));
  }
  if (!isRecord(value)) return [];
  const branch = objectBranch(value, schema);
  if (branch === undefined) return [];
  const properties = branch['properties'] as Record<string, JsonSchema>;
  const known = Object.keys(properties);
  return Object.entries(value).flatMap(([key, child]) => {
    const childSchema = properties[key];
    if (childSchema === undefined) return [{ path, key, known }];
    return findUnknownKeys(child, childSchema, [...path, key]);
  });
}
