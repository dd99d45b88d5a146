import { z } from 'zod';

import { nonNegativeInt } from './common.js';

/** A server event of `type`: every server event carries a server-generated `event_id`. */
export function serverEvent<TType extends string, TShape extends z.ZodRawShape>(
  type: TType,
  shape: TShape,
) {
  return z.looseObject({ type: z.literal(type), event_id: z.string().min(1), ...shape });
}

/** The "location fields" of response streaming events (§3). */
export const locationFields = {
  response_id: z.string(),
  item_id: z.string(),
  output_index: nonNegativeInt,
  content_index: nonNegativeInt,
};

/** Location fields without `content_index` (function calls, blendshapes.done, MCP and system tools). */
export const itemLocationFields = {
  response_id: z.string(),
  item_id: z.string(),
  output_index: nonNegativeInt,
};
