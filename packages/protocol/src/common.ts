import { z } from 'zod';

import { isBase64 } from './base64.js';

/**
 * An optional field. The wire protocol treats an absent field and `null` alike ("not set"), except
 * in `session.update`, where `null` turns a feature off; both must therefore parse.
 */
export function opt<TSchema extends z.ZodType>(
  schema: TSchema,
): z.ZodOptional<z.ZodNullable<TSchema>> {
  return schema.nullable().optional();
}

/** Base64 text (standard alphabet, padded). `""` is valid: zero bytes. */
export const base64Schema = z.string().refine(isBase64, { message: 'expected base64 text' });

/** 15 MiB of decoded audio per append (reference §2) is exactly 20 MiB of base64 text. */
export const MAX_APPEND_AUDIO_BASE64_CHARS = 20 * 1024 * 1024;

export const nonNegativeInt = z.number().int().nonnegative();

/** Free-form string map (`metadata`, `headers`, `custom_speech`). */
export const stringMapSchema = z.record(z.string(), z.string());

/** A JSON object of any shape (JSON Schema in `parameters`, `input_schema`…). */
export const jsonObjectSchema = z.record(z.string(), z.unknown());
