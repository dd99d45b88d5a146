import { describe, expect, it } from 'vitest';

import { formatConfigIssue } from '../src/config-error.js';
import { validateAgentFiles } from '../src/validate-agent-files.js';
import { tempFolder, testRegistry } from './test-registry.js';

const AGENT = `name: demo
connection:
  endpoint: local
  model: gpt-realtime
`;

async function check(daemonBlock: string) {
  const dir = await tempFolder({ 'agent.yaml': `${AGENT}${daemonBlock}` });
  return validateAgentFiles([`${dir}/agent.yaml`], { env: {}, registry: testRegistry });
}

describe('daemon: block', () => {
  it('is optional and absent by default', async () => {
    const report = await check('');
    expect(report.issues).toEqual([]);
    expect(report.configs[0]?.daemon).toBeUndefined();
  });

  it('carries the restart policy and session limits', async () => {
    const report = await check(
      'daemon:\n  restart: on-failure\n  restart_delay_ms: 500\n  max_sessions: 4\n  idle_timeout_ms: 0\n  max_session_duration_ms: 600000\n',
    );
    expect(report.issues).toEqual([]);
    expect(report.configs[0]?.daemon).toEqual({
      restart: 'on-failure',
      restart_delay_ms: 500,
      max_sessions: 4,
      idle_timeout_ms: 0,
      max_session_duration_ms: 600_000,
    });
  });

  it('reports a bad policy, a bad limit and an unknown field at their line', async () => {
    const report = await check(
      'daemon:\n  restart: sometimes\n  max_sessions: 0\n  retsart_delay_ms: 5\n',
    );
    const lines = report.issues.map(formatConfigIssue).map((l) => l.replace(/^.*agent\.yaml:/, ''));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^6:12 daemon\.restart: /),
        expect.stringMatching(/^7:17 daemon\.max_sessions: /),
        expect.stringMatching(/^8:3 daemon\.retsart_delay_ms: unknown field/),
      ]),
    );
  });
});
