export { runCli } from './main.js';
export type { Command } from './main.js';
export { EXIT, UsageError } from './cli-io.js';
export type { CliIo, ExitCode } from './cli-io.js';
export { createBuiltinRegistry } from './registry.js';
export { startEmbeddedServer } from './embedded-server.js';
export type { EmbeddedServer } from './embedded-server.js';
