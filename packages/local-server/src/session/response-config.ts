import type { FunctionTool } from '../responders/responder.js';
import type { SessionState } from './session-config.js';

/** One response's effective settings: the session's, with the `response.create` overrides (§5.2). */
export interface ResponseConfig {
  readonly modalities: readonly string[];
  readonly instructions: string;
  readonly voice: unknown;
  readonly outputAudioFormat: string;
  readonly tools: readonly FunctionTool[];
  readonly toolChoice: unknown;
  readonly temperature: number;
  readonly maxOutputTokens: number | 'inf';
  /** Add the output to the conversation (`commit`, and not out of band). */
  readonly commit: boolean;
  /** `conversation: "none"`: conversation_id is null and nothing is added. */
  readonly outOfBand: boolean;
  readonly cancelPrevious: boolean;
  readonly inputItems: readonly unknown[] | undefined;
  readonly appendInputItems: readonly unknown[];
  readonly preGenerated: Record<string, unknown> | undefined;
  readonly metadata: Record<string, unknown> | null;
}

function functionTools(tools: unknown): FunctionTool[] {
  if (!Array.isArray(tools)) return [];
  return (tools as Record<string, unknown>[])
    .filter((t) => t['type'] === 'function' && typeof t['name'] === 'string')
    .map((t) => ({
      name: t['name'] as string,
      description: t['description'] as string,
      parameters: t['parameters'],
    }));
}

/** The voice name the TTS gets: a bare string, or `voice.name`. */
export function voiceName(voice: unknown): string | undefined {
  if (typeof voice === 'string') return voice;
  if (typeof voice === 'object' && voice !== null) {
    const name = (voice as Record<string, unknown>)['name'];
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

export function resolveResponseConfig(
  session: SessionState,
  overrides: Record<string, unknown>,
  additionalInstructions: string | undefined,
): ResponseConfig {
  const pick = (key: string, fallbackKey = key): unknown => overrides[key] ?? session[fallbackKey];
  const baseInstructions = (pick('instructions') as string | undefined) ?? '';
  const maxTokens =
    overrides['max_output_tokens'] ??
    overrides['max_response_output_tokens'] ??
    session['max_response_output_tokens'];
  const outOfBand = overrides['conversation'] === 'none';
  const preGenerated = overrides['pre_generated_assistant_message'];
  return {
    modalities: (pick('modalities') as string[] | undefined) ?? ['text', 'audio'],
    instructions:
      additionalInstructions === undefined
        ? baseInstructions
        : `${baseInstructions}\n${additionalInstructions}`,
    voice: pick('voice'),
    outputAudioFormat: (pick('output_audio_format') as string | undefined) ?? 'pcm16',
    tools: functionTools(pick('tools')),
    toolChoice: pick('tool_choice') ?? 'auto',
    temperature: (pick('temperature') as number | undefined) ?? 0.8,
    maxOutputTokens: typeof maxTokens === 'number' ? maxTokens : 'inf',
    commit: overrides['commit'] !== false && !outOfBand,
    outOfBand,
    cancelPrevious: overrides['cancel_previous'] !== false,
    inputItems: Array.isArray(overrides['input_items'])
      ? (overrides['input_items'] as unknown[])
      : undefined,
    appendInputItems: Array.isArray(overrides['append_input_items'])
      ? (overrides['append_input_items'] as unknown[])
      : [],
    preGenerated:
      typeof preGenerated === 'object' && preGenerated !== null
        ? (preGenerated as Record<string, unknown>)
        : undefined,
    metadata: (overrides['metadata'] as Record<string, unknown> | undefined) ?? null,
  };
}
