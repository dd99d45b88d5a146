import {
  noiseReductionSchema,
  reasoningEffortSchema,
  transcriptionModelSchema,
} from './session-features.js';
import { toolSchema } from './tools.js';
import { endOfUtteranceDetectionSchema, turnDetectionSchema } from './turn-detection.js';
import {
  azurePersonalVoiceModelSchema,
  azureRealtimeNativeVoiceSchema,
  openAiVoiceNameSchema,
  voiceSchema,
} from './voice.js';

/** An order-free key for a set of enum values, as zod reports them in an issue. */
export function valueSetKey(values: readonly unknown[]): string {
  return values.map(String).sort().join('\u0000');
}

function discriminators(options: readonly { shape: { type: { value: string } } }[]): string[] {
  return options.map((option) => option.shape.type.value);
}

/**
 * Enums whose values are names from a catalogue that Azure grows between api-versions (reference
 * §4.3–4.6: voices, voice and transcription models, VAD and noise-suppression kinds, reasoning
 * levels, tool kinds). A client parsing server events leniently accepts a string outside these;
 * protocol-structural enums (status, role, item and content types, audio formats, modalities) stay
 * strict, because a client cannot act on a value it does not understand there.
 */
export const OPEN_ENUM_VALUE_SETS: ReadonlySet<string> = new Set(
  [
    openAiVoiceNameSchema.options,
    azureRealtimeNativeVoiceSchema.shape.name.options,
    azurePersonalVoiceModelSchema.options,
    transcriptionModelSchema.options,
    endOfUtteranceDetectionSchema.shape.model.options,
    noiseReductionSchema.shape.type.options,
    reasoningEffortSchema.options,
  ].map(valueSetKey),
);

/** Discriminated unions whose `type` is open in the same way: a new kind is kept unvalidated. */
export const OPEN_DISCRIMINATOR_SETS: ReadonlySet<string> = new Set(
  [
    // voiceSchema is `bare name | discriminated union of voice objects`.
    discriminators(voiceSchema.options[1].options),
    discriminators(turnDetectionSchema.options),
    discriminators(toolSchema.options),
  ].map(valueSetKey),
);
