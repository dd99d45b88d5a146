import type { PluginRegistry } from '@voxd/core';
import { createRtpPlugins } from '@voxd/io-rtp';
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
  // The rtp source and sink come as a pair: a session's sink answers its source's caller.
  const rtp = createRtpPlugins();
  return {
    sources: [wavSourcePlugin, gatewaySourcePlugin, rtp.source],
    sinks: [wavSinkPlugin, rtp.sink],
    plugins: [transcriptPlugin, recorderPlugin, toolsHttpPlugin, toolsModulePlugin],
  };
}
