import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { PluginRegistry } from '@voxd/core';
import { createRtpPlugins } from '@voxd/io-rtp';
import { wavSinkPlugin, wavSourcePlugin } from '@voxd/io-wav';
import { describe, expect, it } from 'vitest';

import { formatConfigIssue } from '../src/config-error.js';
import { validateAgentFiles } from '../src/validate-agent-files.js';

const AGENTS = join(dirname(fileURLToPath(import.meta.url)), '../../../configs/agents');
const rtp = createRtpPlugins();
const registry: PluginRegistry = {
  sources: [wavSourcePlugin, rtp.source],
  sinks: [wavSinkPlugin, rtp.sink],
  plugins: [],
};
const env = {
  AZURE_VOICELIVE_ENDPOINT: 'https://example.services.ai.azure.com',
  AZURE_VOICELIVE_API_KEY: 'example-key',
  AZURE_FOUNDRY_AGENT_NAME: 'concierge',
  AZURE_FOUNDRY_PROJECT: 'hotel',
};

describe('configs/agents', () => {
  it('every example agent validates with the real WAV plugins (files checked too)', async () => {
    const files = (await readdir(AGENTS))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(AGENTS, f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const report = await validateAgentFiles(files, { env, registry });
    expect(report.issues.map(formatConfigIssue)).toEqual([]);
    expect(report.configs.map((c) => c.name).sort()).toEqual([
      'azure-foundry-agent',
      'azure-model',
      'local-assistant',
      'local-phone',
    ]);
  });

  it('the local assistant needs no environment and targets the embedded server', async () => {
    const report = await validateAgentFiles([join(AGENTS, 'local-assistant.yaml')], {
      env: {},
      registry,
    });
    expect(report.issues).toEqual([]);
    const [config] = report.configs;
    expect(config?.connection).toEqual({ endpoint: 'local', model: 'gpt-realtime' });
    expect(config?.session.turn_detection).toMatchObject({ type: 'server_vad' });
    expect(config?.source).toMatchObject({ type: 'wav', options: { pace: 'realtime' } });
  });

  it('the Azure agents name each missing variable', async () => {
    const report = await validateAgentFiles(
      [join(AGENTS, 'azure-model.yaml'), join(AGENTS, 'azure-foundry-agent.yaml')],
      { env: {}, registry },
    );
    const missing = report.issues.map((i) => `${i.file.split('/').pop()} ${i.path} ${i.code}`);
    expect(missing).toEqual([
      'azure-model.yaml connection.endpoint E_CONFIG_ENV',
      'azure-model.yaml connection.auth.key E_CONFIG_ENV',
      'azure-foundry-agent.yaml connection.endpoint E_CONFIG_ENV',
      'azure-foundry-agent.yaml connection.agent.name E_CONFIG_ENV',
      'azure-foundry-agent.yaml connection.agent.project E_CONFIG_ENV',
    ]);
  });
});
