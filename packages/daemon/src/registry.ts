import type { PluginRegistry } from '@voxd/core';
import { wavSinkPlugin, wavSourcePlugin } from '@voxd/io-wav';

/**
 * The plugin types agent files may name. Registration is explicit: adding a source, sink or
 * plugin type means adding it here (no import side effects, no global registry).
 */
export function createBuiltinRegistry(): PluginRegistry {
  return {
    sources: [wavSourcePlugin],
    sinks: [wavSinkPlugin],
    plugins: [],
  };
}
