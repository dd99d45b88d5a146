import { z } from 'zod';

import { base64Schema, opt } from './common.js';

export const inputTextPartSchema = z.looseObject({
  type: z.literal('input_text'),
  text: z.string(),
});

export const textPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

/** (2026+) */
export const inputImagePartSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().min(1),
  detail: opt(z.enum(['auto', 'low', 'high'])),
});

/** As a client sends it: the audio is required; the transcript is not sent to the model. */
export const clientInputAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  audio: base64Schema,
  transcript: opt(z.string()),
});

/** As a server sends it: in a committed user turn, `audio` is `null`, `transcript` null until known. */
export const serverInputAudioPartSchema = z.looseObject({
  type: z.literal('input_audio'),
  audio: opt(z.string()),
  transcript: opt(z.string()),
});

/** Assistant audio: `audio` bytes appear only in `conversation.item.retrieved`. */
export const audioPartSchema = z.looseObject({
  type: z.literal('audio'),
  transcript: opt(z.string()),
  audio: opt(z.string()),
});

/** A content part inside an item a server sends. */
export const contentPartSchema = z.discriminatedUnion('type', [
  inputTextPartSchema,
  serverInputAudioPartSchema,
  inputImagePartSchema,
  textPartSchema,
  audioPartSchema,
]);

/** A content part a client may put in a user message. */
export const userContentPartSchema = z.discriminatedUnion('type', [
  inputTextPartSchema,
  clientInputAudioPartSchema,
  inputImagePartSchema,
]);

export type ContentPart = z.infer<typeof contentPartSchema>;
export type UserContentPart = z.infer<typeof userContentPartSchema>;
