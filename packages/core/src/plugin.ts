import type { AudioFrame } from '@voxd/audio';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { ZodType } from 'zod';

import type { AudioSink } from './audio-sink.js';
import type { AudioSource } from './audio-source.js';
import type { SessionEvent } from './session-event.js';

/** Structured logger (pino-compatible subset). Messages are static; data goes in `fields`. */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What a plugin gets when it is created for an agent. */
export interface PluginContext {
  readonly agentName: string;
  /** Folder relative paths in the agent's options resolve against (the YAML file's folder). */
  readonly baseDir: string;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
}

/** What a descriptor's `validate` gets: enough to resolve and check the files its options name. */
export interface PluginValidationContext {
  readonly agentName: string;
  /** Folder relative paths in the agent's options resolve against (the YAML file's folder). */
  readonly baseDir: string;
}

/** A problem a descriptor's `validate` found, at `path` inside its options (e.g. `['path']`). */
export interface PluginOptionIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** How to fix it, e.g. `convert with: sox in.wav -r 24000 -c 1 -b 16 out.wav`. */
  readonly hint?: string;
}

/**
 * A source type usable as `source: { type: <kind>, …options }` in an agent file. `options` validates
 * everything but `type`; `create` runs once the whole agent validated, before any session opens.
 */
export interface SourcePluginDescriptor<TOptions = unknown> {
  readonly kind: string;
  readonly options: ZodType<TOptions>;
  create(options: TOptions, ctx: PluginContext): AudioSource;
  /**
   * Optional checks that need I/O (the file exists and is a readable WAV of a supported format).
   * Agent validation runs them after `options` parsed and before any `create`, and reports each
   * issue at the file:line:column of the option it names. Returns problems; throws only on bugs.
   */
  validate?(options: TOptions, ctx: PluginValidationContext): Promise<readonly PluginOptionIssue[]>;
}

/** A sink type usable as `sink: { type: <kind>, …options }` in an agent file. */
export interface SinkPluginDescriptor<TOptions = unknown> {
  readonly kind: string;
  readonly options: ZodType<TOptions>;
  create(options: TOptions, ctx: PluginContext): AudioSink;
  /**
   * Optional checks that need I/O (the file can be created, the device exists).
   * Agent validation runs them after `options` parsed and before any `create`, and reports each
   * issue at the file:line:column of the option it names. Returns problems; throws only on bugs.
   */
  validate?(options: TOptions, ctx: PluginValidationContext): Promise<readonly PluginOptionIssue[]>;
}

/** A function tool the model may call; its declaration goes into `session.tools`. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** @default 10_000 */
  readonly timeoutMs?: number;
  /**
   * Returns the tool output (sent to the model as JSON text, or as is if a string). An Observable
   * result counts by its first value; it runs on the session scheduler's time (marble tests,
   * RxJS-native tools).
   */
  handler(args: unknown, ctx: ToolCallContext): Promise<unknown> | Observable<unknown>;
}

export interface ToolCallContext {
  readonly callId: string;
  /** Aborted when the call times out or the session closes. */
  readonly signal: AbortSignal;
}

/** Per-session behaviour added by a plugin: tools, audio processors and event taps. */
export interface SessionPlugin {
  readonly name: string;
  readonly tools?: readonly ToolDefinition[];
  /** Transforms user audio before it is sent (input side). */
  readonly processInput?: (frames$: Observable<AudioFrame>) => Observable<AudioFrame>;
  /** Transforms assistant audio before it is played (output side). */
  readonly processOutput?: (frames$: Observable<AudioFrame>) => Observable<AudioFrame>;
  /** Observes the session's events (transcript log, recorder, metrics). */
  readonly tap?: (events$: Observable<SessionEvent>) => Subscription;
}

/** A plugin type usable in an agent's `plugins:` list. */
export interface SessionPluginDescriptor<TOptions = unknown> {
  readonly kind: string;
  readonly options: ZodType<TOptions>;
  create(options: TOptions, ctx: PluginContext): SessionPlugin;
  /**
   * Optional checks that need I/O (files or models the plugin needs exist).
   * Agent validation runs them after `options` parsed and before any `create`, and reports each
   * issue at the file:line:column of the option it names. Returns problems; throws only on bugs.
   */
  validate?(options: TOptions, ctx: PluginValidationContext): Promise<readonly PluginOptionIssue[]>;
}

/** The explicit set of plugin types an app (the daemon, a test) makes available to agent files. */
export interface PluginRegistry {
  readonly sources: readonly AnySourcePlugin[];
  readonly sinks: readonly AnySinkPlugin[];
  readonly plugins: readonly AnySessionPlugin[];
}

// A registry holds descriptors of many option types, so their option type is erased here. That is
// sound in use: `create` and `validate` only ever receive the output of that same descriptor's own
// `options` schema. (`never` does not work: zod schemas are covariant in their output.)
/* eslint-disable @typescript-eslint/no-explicit-any -- type erasure of heterogeneous descriptors, see above */
export type AnySourcePlugin = SourcePluginDescriptor<any>;
export type AnySinkPlugin = SinkPluginDescriptor<any>;
export type AnySessionPlugin = SessionPluginDescriptor<any>;
/* eslint-enable @typescript-eslint/no-explicit-any */
