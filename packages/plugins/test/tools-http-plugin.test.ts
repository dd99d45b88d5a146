import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runTool } from '@voxd/core';
import type { ToolDefinition } from '@voxd/core';
import { asyncScheduler, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toolsHttpPlugin } from '../src/tools-http-plugin.js';
import { pluginContext } from './support.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/weather') {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        const args = body.length > 0 ? (JSON.parse(body) as { city?: string }) : {};
        res.end(JSON.stringify({ city: args.city, tempC: 21 }));
      } else if (path === '/text') {
        res.setHeader('content-type', 'text/plain');
        res.end(`query ${new URL(req.url ?? '/', 'http://x').search}`);
      } else if (path === '/broken') {
        res.statusCode = 500;
        res.end('database unavailable');
      } else if (path === '/slow') {
        // Never answers: the tool's timeout must abort the request.
        req.socket.setTimeout(0);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

function tools(raw: unknown[]): Map<string, ToolDefinition> {
  const options = toolsHttpPlugin.options.parse({ tools: raw });
  const plugin = toolsHttpPlugin.create(options, pluginContext('/tmp'));
  return new Map((plugin.tools ?? []).map((tool) => [tool.name, tool]));
}

async function call(tool: ToolDefinition | undefined, args: unknown) {
  return firstValueFrom(
    runTool({
      tool,
      name: tool?.name ?? '?',
      callId: 'call_1',
      argumentsJson: JSON.stringify(args),
      defaultTimeoutMs: 10_000,
      scheduler: asyncScheduler,
    }),
  );
}

describe('tools-http plugin', () => {
  it('POSTs the arguments as JSON with the configured headers and returns the JSON body', async () => {
    const byName = tools([
      {
        name: 'get_weather',
        description: 'Weather by city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
        url: `${base}/weather`,
        headers: { authorization: 'Bearer s3cret' },
      },
    ]);
    const tool = byName.get('get_weather');
    expect(tool?.description).toBe('Weather by city');
    const outcome = await call(tool, { city: 'Paris' });
    expect(outcome).toEqual({ ok: true, output: '{"city":"Paris","tempC":21}', timedOut: false });
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe('{"city":"Paris"}');
    expect(request?.headers['authorization']).toBe('Bearer s3cret');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-voxd-call-id']).toBe('call_1');
  });

  it('GET sends the arguments as query parameters and returns a text body as is', async () => {
    const tool = tools([{ name: 'lookup', url: `${base}/text?fixed=1`, method: 'GET' }]).get(
      'lookup',
    );
    const outcome = await call(tool, { q: 'a b', n: 2, tags: ['x'] });
    expect(outcome.ok).toBe(true);
    expect(outcome.output).toBe('query ?fixed=1&q=a+b&n=2&tags=%5B%22x%22%5D');
    expect(seen.at(-1)?.body).toBe('');
  });

  it('turns a non-2xx answer into an error output with the status and body', async () => {
    const tool = tools([{ name: 'broken', url: `${base}/broken?token=hidden` }]).get('broken');
    const outcome = await call(tool, {});
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBe(`POST ${base}/broken: HTTP 500: database unavailable`);
    expect(JSON.parse(outcome.output)).toEqual({ error: outcome.error });
  });

  it('aborts a request that outlives timeout_ms', async () => {
    const tool = tools([{ name: 'slow', url: `${base}/slow`, timeout_ms: 200 }]).get('slow');
    expect(tool?.timeoutMs).toBe(200);
    // Called directly (no session timeout around it): the tool's own timeout still aborts.
    const direct = Promise.resolve(
      tool?.handler({}, { callId: 'c', signal: new AbortController().signal }),
    );
    await expect(direct).rejects.toMatchObject({
      code: 'E_TOOL_HTTP_FAILED',
      message: `POST ${base}/slow: no response within 200 ms`,
    });
    // Through the session's runner, the model gets a timed-out error output.
    const outcome = await call(tool, {});
    expect(outcome).toMatchObject({ ok: false, timedOut: true });
  }, 10_000);

  it('rejects bad options with the field named', () => {
    const parse = (raw: unknown) => toolsHttpPlugin.options.safeParse(raw);
    expect(parse({ tools: [{ name: 'x', url: 'ftp://host/x' }] }).error?.issues[0]?.message).toBe(
      'url must be an http:// or https:// URL',
    );
    expect(parse({ tools: [{ name: 'bad name', url: base }] }).success).toBe(false);
    expect(
      parse({
        tools: [
          { name: 'a', url: base },
          { name: 'a', url: base },
        ],
      }).error?.issues[0]?.message,
    ).toBe('tool "a" is declared twice');
  });
});
