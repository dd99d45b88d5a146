export { runCli } from './main.js';
export type { Command } from './main.js';
export { EXIT, UsageError } from './cli-io.js';
export type { CliIo, ExitCode } from './cli-io.js';
export { createBuiltinRegistry, startEmbeddedServer } from '@voxd/agent-runtime';
export type { EmbeddedServer } from '@voxd/agent-runtime';
