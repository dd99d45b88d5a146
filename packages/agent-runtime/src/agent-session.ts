import type { AgentConfig, PluginSelection } from '@voxd/config';
import type { AudioFrame } from '@voxd/audio';
import type {
  AudioSink,
  AudioSource,
  PluginContext,
  PluginRegistry,
  Session,
  SessionPlugin,
  Transport,
} from '@voxd/core';
import { createSession } from '@voxd/core';
import { sessionInputAudio } from '@voxd/io-wav';
import { tap } from 'rxjs';

import { AgentRuntimeError } from './agent-runtime-error.js';

/** Everything one session of an agent needs besides its transport. */
export interface AgentSessionOptions {
  readonly config: AgentConfig;
  readonly registry: PluginRegistry;
  readonly ctx: PluginContext;
  readonly transport: Transport;
}

/**
 * Assembles one session of a WAV-style agent the way `voxd run` does: the source's format fixes
 * the session's input format, the sink records in the session's output format, and every session
 * plugin is created afresh (a recorder records one session per instance).
 *
 * @throws {AgentRuntimeError} `E_AGENT_SESSION` when a plugin cannot be created.
 */
export function createAgentSession(options: AgentSessionOptions): Session {
  const { config, registry, ctx } = options;
  try {
    const source: AudioSource | undefined =
      config.source === undefined ? undefined : createPlugin(registry.sources, config.source, ctx);
    const session = {
      ...config.session,
      ...(source === undefined ? {} : sessionInputAudio(source.format)),
    };
    const sink: AudioSink | undefined =
      config.sink === undefined
        ? undefined
        : createPlugin(registry.sinks, withSessionFormat(config.sink, session), ctx);
    const plugins: SessionPlugin[] = config.plugins.map((p) =>
      createPlugin(registry.plugins, p, ctx),
    );
    const recordInput = isRecordingSink(sink) ? sink : undefined;
    return createSession({
      transport: options.transport,
      session,
      // The plugins' clock is the session's: virtual time in replay, the real one elsewhere.
      scheduler: ctx.scheduler,
      plugins,
      ...(source === undefined
        ? {}
        : {
            source:
              recordInput === undefined
                ? source
                : {
                    ...source,
                    frames$: source.frames$.pipe(tap((f) => recordInput.recordInput(f))),
                  },
          }),
      ...(sink === undefined ? {} : { sink }),
      endWhenSourceCompletes: source !== undefined,
    });
  } catch (error) {
    if (error instanceof AgentRuntimeError) throw error;
    throw new AgentRuntimeError(
      'E_AGENT_SESSION',
      `agent ${config.name}: cannot create a session: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** A sink that also records the user's audio (a WAV sink in `conversation` mode). */
function isRecordingSink(
  sink: AudioSink | undefined,
): sink is AudioSink & { recordInput(frame: AudioFrame): void } {
  return (
    sink !== undefined && typeof (sink as { recordInput?: unknown }).recordInput === 'function'
  );
}

/** Creates the plugin `selection` names, from the registry the config was validated with. */
export function createPlugin<TPlugin>(
  descriptors: readonly { kind: string; create(options: unknown, ctx: PluginContext): TPlugin }[],
  selection: PluginSelection,
  ctx: PluginContext,
): TPlugin {
  const descriptor = descriptors.find((d) => d.kind === selection.type);
  // Unreachable for a validated config: the schema only admits registered kinds.
  if (descriptor === undefined) throw new Error(`no plugin of type ${selection.type}`);
  return descriptor.create(selection.options, ctx);
}

/** A WAV sink without an explicit format records in the session's output format. */
function withSessionFormat(
  selection: PluginSelection,
  session: AgentConfig['session'],
): PluginSelection {
  if (selection.type !== 'wav' || (selection.options as { format?: unknown }).format !== undefined)
    return selection;
  return {
    ...selection,
    options: { ...(selection.options as object), format: session.output_audio_format ?? 'pcm16' },
  };
}
