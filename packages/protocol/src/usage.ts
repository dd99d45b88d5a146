import { z } from 'zod';

import { nonNegativeInt, opt } from './common.js';

const modalityTokens = {
  text_tokens: nonNegativeInt,
  audio_tokens: nonNegativeInt,
};

/** Token usage of a response (§5.4). `image_tokens` and `cached_tokens_details` are optional extras. */
export const usageSchema = z.looseObject({
  total_tokens: nonNegativeInt,
  input_tokens: nonNegativeInt,
  output_tokens: nonNegativeInt,
  input_token_details: z.looseObject({
    cached_tokens: nonNegativeInt,
    ...modalityTokens,
    image_tokens: opt(nonNegativeInt),
    cached_tokens_details: opt(
      z.looseObject({ ...modalityTokens, image_tokens: opt(nonNegativeInt) }),
    ),
  }),
  output_token_details: z.looseObject(modalityTokens),
});

export type Usage = z.infer<typeof usageSchema>;
