import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { requireCommand } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { CONFIGS_DIR, exposedNames, metricNamesIn } from './config-files.js';

const PROMETHEUS_DIR = `${CONFIGS_DIR}prometheus`;

/** Runs promtool (Debian's prometheus package; `npm test` installs it: missing fails, never skips). */
function run(args: string[]): { status: number | null; output: string } {
  const promtool = process.env['VOXD_PROMTOOL_BIN'] ?? requireCommand('promtool');
  const result = spawnSync(promtool, args, {
    cwd: PROMETHEUS_DIR,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('configs/prometheus', () => {
  it('scrapes voxd:9464 as job voxd', () => {
    const config = readFileSync(`${PROMETHEUS_DIR}/prometheus.yml`, 'utf8');
    expect(config).toMatch(/job_name:\s*voxd\b/);
    expect(config).toMatch(/targets:\s*\[\s*'voxd:9464'\s*\]/);
  });

  it('alert and recording rules use only metrics the registry exposes', () => {
    const rules = readFileSync(`${PROMETHEUS_DIR}/rules/voxd.yml`, 'utf8');
    const exprs = [...rules.matchAll(/^\s+expr:\s*(.+)$/gm)].map((m) => m[1] ?? '');
    expect(exprs.length).toBeGreaterThanOrEqual(8);
    const exposed = exposedNames();
    const used = exprs.flatMap(metricNamesIn);
    expect(used.length).toBeGreaterThan(4);
    expect(used.filter((name) => !exposed.has(name))).toEqual([]);
  });

  describe('promtool', () => {
    it('accepts prometheus.yml and its rule files', () => {
      const { status, output } = run(['check', 'config', 'prometheus.yml']);
      expect(output).toMatch(/SUCCESS: 1 rule files found/);
      expect(output).toMatch(/SUCCESS: 8 rules found/);
      expect(status, output).toBe(0);
    });

    it('passes the rule unit tests (quantile value and alerts that fire)', () => {
      const { status, output } = run(['test', 'rules', 'tests/voxd.test.yml']);
      expect(status, output).toBe(0);
      expect(output).toMatch(/SUCCESS/);
    });
  });
});
