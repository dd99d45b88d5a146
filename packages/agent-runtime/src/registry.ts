import type { PluginRegistry } from '@voxd/core';
import { wavSinkPlugin, wavSourcePlugin } from '@voxd/io-wav';
import {
  recorderPlugin,
  toolsHttpPlugin,
  toolsModulePlugin,
  transcriptPlugin,
} from '@voxd/plugins';

import { gatewaySourcePlugin } from './gateway-source-plugin.js';

/**
 * The plugin types agent files may name. Registration is explicit: adding a source, sink or
 * plugin type means adding it here (no import side effects, no global registry).
 */
export function createBuiltinRegistry(): PluginRegistry {
  return {
    sources: [wavSourcePlugin, gatewaySourcePlugin],
    sinks: [wavSinkPlugin],
    plugins: [transcriptPlugin, recorderPlugin, toolsHttpPlugin, toolsModulePlugin],
  };
}
