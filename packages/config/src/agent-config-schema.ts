import type { PluginRegistry } from '@voxd/core';
import { sessionConfigSchema } from '@voxd/protocol';
import type { SessionConfig } from '@voxd/protocol';
import { z } from 'zod';

import { connectionSchema } from './connection-schema.js';
import type { ConnectionConfig } from './connection-schema.js';
import { daemonBlockSchema } from './daemon-block-schema.js';
import type { DaemonBlock } from './daemon-block-schema.js';
import { pluginSelectionSchema } from './plugin-selection-schema.js';
import type { PluginSelection } from './plugin-selection-schema.js';

/** Agent names appear in logs and as the `agent` metric label: keep them short and plain. */
const agentNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, {
  error: 'name must be 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

/**
 * The validated content of an agent file. Plugin options are validated by their descriptors;
 * relative paths in them stay as written and resolve against `baseDir` (see `PluginContext`).
 */
export interface AgentConfig {
  readonly name: string;
  /** Absolute path of the agent file. */
  readonly file: string;
  /** The agent file's folder: relative paths in plugin options resolve against it. */
  readonly baseDir: string;
  readonly connection: ConnectionConfig;
  /** The `session.update` payload, in wire form (snake_case), validated by @voxd/protocol. */
  readonly session: SessionConfig;
  readonly source?: PluginSelection | undefined;
  readonly sink?: PluginSelection | undefined;
  readonly plugins: readonly PluginSelection[];
  /** How `voxd daemon` runs the agent (restart policy, session limits); absent: its defaults. */
  readonly daemon?: DaemonBlock | undefined;
}

/**
 * The schema of an agent file's content for the plugin types in `registry`. `file` and `baseDir`
 * are not part of the file; `loadAgentConfig` adds them.
 */
export function createAgentConfigSchema(registry: PluginRegistry) {
  return z.strictObject({
    name: agentNameSchema,
    connection: connectionSchema,
    session: sessionConfigSchema.default({}),
    source: pluginSelectionSchema('source', registry.sources).optional(),
    sink: pluginSelectionSchema('sink', registry.sinks).optional(),
    plugins: z.array(pluginSelectionSchema('plugin', registry.plugins)).default([]),
    daemon: daemonBlockSchema.optional(),
  });
}
