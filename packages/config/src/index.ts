// @voxd/config: agent YAML files → validated, frozen AgentConfig, with file:line:column errors.
export { agentConfigJsonSchema } from './agent-config-json-schema.js';
export type { JsonSchema } from './agent-config-json-schema.js';
export { createAgentConfigSchema } from './agent-config-schema.js';
export type { AgentConfig } from './agent-config-schema.js';
export type { AgentConfigDeps, AgentFileResult, LoadedAgent } from './check-agent-file.js';
export { ConfigError, formatConfigIssue } from './config-error.js';
export type { ConfigErrorCode, ConfigIssue } from './config-error.js';
export { connectionSchema } from './connection-schema.js';
export type { ConnectionConfig } from './connection-schema.js';
export { daemonBlockSchema } from './daemon-block-schema.js';
export type { DaemonBlock } from './daemon-block-schema.js';
export { loadAgent, loadAgentConfig } from './load-agent-config.js';
export type { PluginSelection } from './plugin-selection-schema.js';
export { isThirdPartySpecifier } from './third-party-plugins.js';
export type { PluginLoader } from './third-party-plugins.js';
export { validateAgentFiles } from './validate-agent-files.js';
export type { AgentFilesReport } from './validate-agent-files.js';
export type { Position } from './yaml-source.js';
