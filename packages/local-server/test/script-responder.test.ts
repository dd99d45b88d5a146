import { describe, expect, it } from 'vitest';

import { loadScript } from '../src/responders/load-script.js';
import { createScriptResponder } from '../src/responders/script-responder.js';
import { createRng } from '../src/rng.js';
import { writeScript } from './fixtures.js';

const turn = {
  items: [],
  instructions: '',
  tools: [],
  toolChoice: 'auto',
  outputSampleRate: 24000,
  rng: createRng(1),
};

describe('script responder', () => {
  it('loads YAML turns and plays them in order, starting over after the last', async () => {
    const path = await writeScript(
      's.yaml',
      '- say: "Hello."\n  transcript: "Hi there"\n- call: {name: get_weather, arguments: {city: Oslo}}\n- error: {code: boom, message: failed}\n',
    );
    const responder = createScriptResponder(await loadScript(path));
    expect(responder.nextUserTranscript?.()).toBe('Hi there');
    expect(await responder.respond(turn)).toEqual({ kind: 'say', text: 'Hello.' });
    expect(responder.nextUserTranscript?.()).toBeUndefined();
    expect(await responder.respond(turn)).toEqual({
      kind: 'call',
      name: 'get_weather',
      arguments: '{"city":"Oslo"}',
    });
    expect(await responder.respond(turn)).toEqual({
      kind: 'error',
      code: 'boom',
      message: 'failed',
    });
    expect(await responder.respond(turn)).toEqual({ kind: 'say', text: 'Hello.' });
  });

  it('loads JSONL, arguments given as JSON text', async () => {
    const path = await writeScript(
      's.jsonl',
      '{"say":"One."}\n\n{"call":{"name":"f","arguments":"{\\"a\\":1}"}}\n',
    );
    expect(await loadScript(path)).toEqual([
      { say: 'One.' },
      { call: { name: 'f', arguments: '{"a":1}' } },
    ]);
  });

  it('names the file and the turn that is wrong', async () => {
    await expect(loadScript('/nonexistent/s.yaml')).rejects.toMatchObject({
      code: 'E_LOCAL_SERVER_SCRIPT',
      message: expect.stringContaining('cannot read'),
    });
    await expect(loadScript(await writeScript('a.yaml', 'say: hi\n'))).rejects.toThrow(
      /a list of turns/,
    );
    await expect(
      loadScript(await writeScript('b.yaml', '- say: hi\n- {say: a, call: {name: f}}\n')),
    ).rejects.toThrow(/turn 2: each turn needs exactly one of say, call, error/);
    await expect(
      loadScript(await writeScript('c.jsonl', '{"say":"ok"}\nnot json\n')),
    ).rejects.toThrow(/line 2: not valid JSON/);
    await expect(loadScript(await writeScript('d.yaml', '- error: {code: x}\n'))).rejects.toThrow(
      /error needs a code and a message/,
    );
    await expect(loadScript(await writeScript('e.yaml', '[]\n'))).rejects.toThrow(/no turns/);
  });
});
