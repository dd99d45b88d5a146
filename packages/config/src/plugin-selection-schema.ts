import { z } from 'zod';

/** A chosen plugin type and its validated options, e.g. `{ type: 'wav', options: { path, pace } }`. */
export interface PluginSelection<TOptions = unknown> {
  readonly type: string;
  readonly options: TOptions;
}

/** What the selection schema needs of a descriptor: its kind and its options schema. */
export interface SelectableDescriptor {
  readonly kind: string;
  readonly options: z.ZodType;
}

/**
 * `{ type: <kind>, …options }` validated against the descriptor whose `kind` is `type`. Works for
 * any options schema (object, pipe, union), which a zod discriminated union would not. Issues from
 * the options keep their paths, relative to the selection object.
 *
 * @param what 'source', 'sink' or 'plugin', for messages.
 */
export function pluginSelectionSchema(
  what: string,
  descriptors: readonly SelectableDescriptor[],
): z.ZodType<PluginSelection> {
  const kinds = descriptors.map((d) => d.kind);
  const known =
    kinds.length === 0
      ? `no ${what} types are registered`
      : `known ${what} types: ${kinds.join(', ')}`;
  return z
    .looseObject({ type: z.string({ error: `\`type\` is required: ${known}` }) })
    .transform((value, ctx) => {
      const { type, ...rest } = value;
      const descriptor = descriptors.find((d) => d.kind === type);
      if (descriptor === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: `unknown ${what} type "${type}"`,
          params: {
            hint:
              what === 'plugin'
                ? `${known}; or a third-party plugin: its npm package name (installed where the agent file can import it) or a ./path to its module`
                : known,
            candidates: kinds,
            input: type,
          },
        });
        return z.NEVER;
      }
      const result = descriptor.options.safeParse(rest);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ ...issue });
        return z.NEVER;
      }
      return { type, options: result.data };
    });
}
