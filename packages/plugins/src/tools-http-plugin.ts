import type { SessionPluginDescriptor, ToolCallContext, ToolDefinition } from '@voxd/core';
import { z } from 'zod';

import { PluginError } from './plugin-error.js';
import { toolBaseShape, uniqueToolNames } from './tool-options.js';

const httpToolSchema = z
  .object({
    ...toolBaseShape,
    url: z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// URL' }),
    method: z.enum(['POST', 'GET', 'PUT', 'PATCH', 'DELETE']).default('POST'),
    /** Sent with every request; use `${VAR}` in the agent file for secrets. */
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/** `plugins: [{ type: tools-http, tools: [...] }]` options. */
export const toolsHttpOptionsSchema = z
  .object({ tools: z.array(httpToolSchema).min(1).superRefine(uniqueToolNames) })
  .strict();

export type ToolsHttpOptions = z.output<typeof toolsHttpOptionsSchema>;
export type HttpToolOptions = z.output<typeof httpToolSchema>;

/**
 * Extra time the request's own timeout allows past `timeout_ms`. In a session the session's timer
 * fires first (the call counts as timed out) and aborts `ctx.signal`; the request's own timer only
 * bounds direct callers of the handler.
 */
const BACKSTOP_GRACE_MS = 250;

/** How much of an error response's body goes into the error message the model sees. */
const ERROR_BODY_CHARS = 500;

/**
 * Function tools whose handler is an HTTP endpoint. `POST`/`PUT`/`PATCH` send the arguments as a
 * JSON body; `GET`/`DELETE` send them as query parameters (objects and arrays as JSON text). The
 * response body is the tool output: parsed JSON for `application/json`, text otherwise. A non-2xx
 * status, a network failure or a timeout becomes an error output the model sees.
 */
export const toolsHttpPlugin: SessionPluginDescriptor<ToolsHttpOptions> = {
  kind: 'tools-http',
  options: toolsHttpOptionsSchema,
  create: (options) => ({ name: 'tools-http', tools: options.tools.map(httpTool) }),
};

function httpTool(options: HttpToolOptions): ToolDefinition {
  return {
    name: options.name,
    ...(options.description === undefined ? {} : { description: options.description }),
    parameters: options.parameters,
    ...(options.timeout_ms === undefined ? {} : { timeoutMs: options.timeout_ms }),
    handler: (args, ctx) => callEndpoint(options, args, ctx),
  };
}

/** One request to the tool's endpoint; resolves with the body, throws a `PluginError`. */
export async function callEndpoint(
  options: HttpToolOptions,
  args: unknown,
  ctx: ToolCallContext,
): Promise<unknown> {
  const withBody = options.method !== 'GET' && options.method !== 'DELETE';
  const url = new URL(options.url);
  if (!withBody) appendQuery(url, args);
  const signal =
    options.timeout_ms === undefined
      ? ctx.signal
      : AbortSignal.any([ctx.signal, AbortSignal.timeout(options.timeout_ms + BACKSTOP_GRACE_MS)]);
  const where = `${options.method} ${redact(url)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers: {
        accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
        'x-voxd-call-id': ctx.callId,
        ...(withBody ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(withBody ? { body: JSON.stringify(args ?? {}) } : {}),
      signal,
    });
  } catch (error) {
    throw new PluginError('E_TOOL_HTTP_FAILED', `${where}: ${failureReason(error, options)}`, {
      cause: error,
      retryable: true,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new PluginError('E_TOOL_HTTP_FAILED', `${where}: ${failureReason(error, options)}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    const body = text.length > ERROR_BODY_CHARS ? `${text.slice(0, ERROR_BODY_CHARS)}…` : text;
    throw new PluginError(
      'E_TOOL_HTTP_STATUS',
      `${where}: HTTP ${response.status}${body.length > 0 ? `: ${body}` : ''}`,
      { retryable: response.status >= 500 },
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (/[/+]json\b/i.test(type) && text.length > 0) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text; // a mislabelled body still reaches the model
    }
  }
  return text;
}

function appendQuery(url: URL, args: unknown): void {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return;
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    url.searchParams.append(
      key,
      typeof value === 'object'
        ? JSON.stringify(value)
        : String(value as string | number | boolean),
    );
  }
}

function failureReason(error: unknown, options: HttpToolOptions): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError') return `no response within ${options.timeout_ms} ms`;
  if (name === 'AbortError') return 'aborted (the call timed out or the session closed)';
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return typeof cause === 'string' ? `${message}: ${cause}` : message;
}

/** The URL without credentials or query (tokens in query strings must not reach logs). */
function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
