/** Token counts of one response (§5.4), estimated: ~4 characters of text or 100 ms of input / 50 ms of output audio per token. */
export interface UsageInput {
  readonly inputText: string;
  readonly inputAudioMs: number;
  readonly outputText: string;
  readonly outputAudioMs: number;
}

export function textTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function outputAudioTokens(ms: number): number {
  return Math.ceil(ms / 50);
}

export function usageOf(input: UsageInput): Record<string, unknown> {
  // A real model always reads some prompt, so input text tokens never drop to zero.
  const inputText = Math.max(1, textTokens(input.inputText));
  const inputAudio = Math.ceil(input.inputAudioMs / 100);
  const outputText = textTokens(input.outputText);
  const outputAudio = outputAudioTokens(input.outputAudioMs);
  const inputTokens = inputText + inputAudio;
  const outputTokens = outputText + outputAudio;
  return {
    total_tokens: inputTokens + outputTokens,
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    input_token_details: {
      cached_tokens: 0,
      text_tokens: inputText,
      audio_tokens: inputAudio,
      image_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: outputText, audio_tokens: outputAudio },
  };
}

/** The usage of `response.created`: all zeros. */
export function zeroUsage(): Record<string, unknown> {
  return {
    total_tokens: 0,
    input_tokens: 0,
    output_tokens: 0,
    input_token_details: {
      cached_tokens: 0,
      text_tokens: 0,
      audio_tokens: 0,
      image_tokens: 0,
      cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
    },
    output_token_details: { text_tokens: 0, audio_tokens: 0 },
  };
}
