import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { ConfigError } from '../src/config-error.js';
import { loadAgentConfig } from '../src/load-agent-config.js';
import { tempFolder, testRegistry } from './test-registry.js';

async function load(session: string, env: Record<string, string> = {}) {
  const yaml = `name: helper\nconnection: { endpoint: local, model: m }\nsession:\n${session}`;
  const dir = await tempFolder({ 'agent.yaml': yaml });
  return loadAgentConfig(join(dir, 'agent.yaml'), { env, registry: testRegistry });
}

describe('${VAR} interpolation', () => {
  it('substitutes inside longer strings', async () => {
    const config = await load('  instructions: "Hello ${WHO}, from ${WHERE:-Oslo}."\n', {
      WHO: 'Ada',
    });
    expect(config.session.instructions).toBe('Hello Ada, from Oslo.');
  });

  it('keeps a quoted whole reference a string, so string fields accept numeric values', async () => {
    const config = await load('  metadata: { run: "${N}" }\n', { N: '42' });
    expect(config.session.metadata).toEqual({ run: '42' });
    const error = (await load('  metadata:\n    run: ${N}\n', { N: '42' }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'session.metadata.run: expected string, got number 42',
    ]);
  });

  it('types a bare whole reference like a literal (numbers, booleans), not quoted ones', async () => {
    const config = await load(
      '  temperature: ${T}\n  instructions: "${T}"\n  turn_detection:\n    type: server_vad\n    create_response: ${CR:-false}\n',
      { T: '0.9' },
    );
    expect(config.session.temperature).toBe(0.9);
    expect(config.session.instructions).toBe('0.9');
    expect(config.session.turn_detection).toEqual({ type: 'server_vad', create_response: false });
  });

  it('uses the default for an empty variable, keeps an empty value without one', async () => {
    const config = await load('  instructions: "${EMPTY:-fallback}|${EMPTY}"\n', { EMPTY: '' });
    expect(config.session.instructions).toBe('fallback|');
  });

  it('explains the YAML error of an unquoted reference inside { }', async () => {
    const error = (await load('  metadata: { run: ${N} }\n', { N: '1' }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error.code).toBe('E_CONFIG_YAML');
    expect(error.issues[0]?.hint).toBe('inside { } or [ ], quote values that use ${…}: "${VAR}"');
  });

  it('reports every unset variable, an unterminated reference and a bad name at once', async () => {
    const error = (await load(
      '  instructions: "${A} ${B}"\n  voice: "${oops-name}"\n  model: "${C"\n',
    ).catch((e: unknown) => e)) as ConfigError;
    expect(error.code).toBe('E_CONFIG_ENV');
    expect(error.issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '4:18 environment variable A is not set',
      '4:23 environment variable B is not set',
      '5:11 "${oops-name}" is not a variable reference',
      '6:11 unterminated "${": expected "}"',
    ]);
  });
});
