import { dialectOf } from '@voxd/protocol';
import { z } from 'zod';

/** An id-like value YAML may have typed as a number (`version: 3`); kept as a string. */
const idString = z
  .union([z.string().min(1), z.number()])
  .transform(String)
  .meta({ description: 'A string (a number is accepted and kept as its text)' });

const apiKeyAuthSchema = z
  .strictObject({
    type: z.literal('api-key'),
    key: z.string().min(1, 'the key is empty (is its environment variable set?)'),
    in: z.enum(['header', 'query']).default('header'),
  })
  .meta({
    description: 'The resource key, sent in the api-key header (default) or query parameter',
  });

const entraAuthSchema = z.strictObject({ type: z.literal('entra') }).meta({
  description: 'Entra ID token (DefaultAzureCredential), scope https://ai.azure.com/.default',
});

const agentTargetSchema = z.strictObject({
  name: z.string().min(1),
  project: z.string().min(1),
  version: idString.optional(),
  conversation_id: z.string().min(1).optional(),
});

const endpointSchema = z.union([
  z.literal('local').meta({ description: 'The embedded local Voice Live server' }),
  z.url({
    protocol: /^(https?|wss?)$/,
    error: 'endpoint must be "local" or an http(s)/ws(s) URL',
  }),
]);

/** `connection:` — where the agent's sessions go and how they authenticate. */
export const connectionSchema = z
  .strictObject({
    endpoint: endpointSchema,
    model: z.string().min(1).optional(),
    agent: agentTargetSchema.optional(),
    auth: z.discriminatedUnion('type', [apiKeyAuthSchema, entraAuthSchema]).optional(),
    api_version: z.string().min(1).optional(),
  })
  .superRefine((connection, ctx) => {
    if ((connection.model === undefined) === (connection.agent === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: connection.model === undefined ? [] : ['agent'],
        message: 'give exactly one target: `model` or `agent`',
      });
    }
    // The protocol and the local server speak `v1`, but the client transport still speaks only the
    // dated shape: a `v1` agent would connect and then misread every event, so it is refused here.
    if (connection.api_version !== undefined && dialectOf(connection.api_version) === 'v1') {
      ctx.addIssue({
        code: 'custom',
        path: ['api_version'],
        message:
          "voxd's client does not speak the `v1` dialect yet: use a dated api-version such as '2025-10-01' (the same service, the older event shape)",
      });
    }
    // Only for an endpoint that is itself valid: a bad URL is reported once, by the URL check.
    const remote = /^(https?|wss?):\/\//.test(connection.endpoint);
    if (remote && connection.auth === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth'],
        message: 'a remote endpoint needs `auth` (`type: api-key` or `type: entra`)',
      });
    }
  });

export type ConnectionConfig = z.output<typeof connectionSchema>;
