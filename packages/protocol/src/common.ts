import { z } from 'zod';

/**
 * An optional field. The wire protocol treats an absent field and `null` alike ("not set"), except
 * in `session.update`, where `null` turns a feature off; both must therefore parse.
 */
export function opt<TSchema extends z.ZodType>(
  schema: TSchema,
): z.ZodOptional<z.ZodNullable<TSchema>> {
  return schema.nullable().optional();
}

// The regex alone accepts lengths that no encoder produces; the length check closes that gap.
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 text (standard alphabet, padded). `""` is valid: zero bytes. */
export const base64Schema = z
  .string()
  .refine((s) => s.length % 4 === 0 && BASE64_RE.test(s), { message: 'expected base64 text' });

/** 15 MiB of decoded audio per append (reference §2) is exactly 20 MiB of base64 text. */
export const MAX_APPEND_AUDIO_BASE64_CHARS = 20 * 1024 * 1024;

export const nonNegativeInt = z.number().int().nonnegative();

/** Free-form string map (`metadata`, `headers`, `custom_speech`). */
export const stringMapSchema = z.record(z.string(), z.string());

/** A JSON object of any shape (JSON Schema in `parameters`, `input_schema`…). */
export const jsonObjectSchema = z.record(z.string(), z.unknown());
