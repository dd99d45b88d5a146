import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  CONFIGS_DIR,
  dashboardTargets,
  exposedNames,
  metricNamesIn,
  readDashboard,
} from './config-files.js';

describe('Grafana dashboard configs/grafana/dashboards/voxd.json', () => {
  const dashboard = readDashboard();
  const targets = dashboardTargets();

  it('is a dashboard whose panels all have queries, ids, positions and the provisioned datasource', () => {
    expect(dashboard.uid).toBe('voxd-voice');
    const panels = dashboard.panels as readonly Record<string, unknown>[];
    const ids = panels.map((p) => p['id']);
    expect(new Set(ids).size).toBe(ids.length);
    const datasource = readFileSync(
      `${CONFIGS_DIR}grafana/provisioning/datasources/prometheus.yml`,
      'utf8',
    );
    const uid = /^\s+uid:\s*(\S+)\s*$/m.exec(datasource)?.[1];
    expect(uid).toBe('prometheus');
    expect(datasource).toMatch(/url:\s*http:\/\/prometheus:9090/);
    for (const panel of panels.filter((p) => p['type'] !== 'row')) {
      expect(panel['gridPos'], String(panel['title'])).toMatchObject({
        w: expect.any(Number) as number,
      });
      expect(panel['datasource'], String(panel['title'])).toEqual({ type: 'prometheus', uid });
      expect((panel['targets'] as unknown[]).length, String(panel['title'])).toBeGreaterThan(0);
    }
  });

  it('queries only metrics the registry exposes', () => {
    const exposed = exposedNames();
    const used = [
      ...targets.map((t) => ({ where: t.panel, expr: t.expr })),
      ...dashboard.templating.list.map((v) => ({ where: 'variable', expr: v.query.query })),
    ].flatMap(({ where, expr }) => metricNamesIn(expr).map((name) => `${where}: ${name}`));
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter((entry) => !exposed.has(entry.split(': ')[1] ?? ''));
    expect(missing).toEqual([]);
  });

  it('shows every voice metric somewhere', () => {
    const used = new Set(targets.flatMap((t) => metricNamesIn(t.expr)));
    const voice = [...exposedNames()].filter(
      (name) => name.startsWith('voxd_') && !/_(sum|count)$/.test(name) && !/_seconds$/.test(name),
    );
    // Histograms are shown through their _bucket series.
    expect(voice.filter((name) => !used.has(name))).toEqual([]);
  });

  it('has the turn latency p50/p95/p99 and the other required panels', () => {
    const turn = targets.filter((t) => t.expr.includes('voxd_turn_latency_seconds_bucket'));
    expect(turn.map((t) => /histogram_quantile\(([\d.]+)/.exec(t.expr)?.[1])).toEqual([
      '0.5',
      '0.95',
      '0.99',
    ]);
    expect(turn.every((t) => t.expr.includes('rate('))).toBe(true);
    const titles = (dashboard.panels as readonly { title: string }[]).map((p) => p.title);
    for (const title of [
      'First-audio latency p95',
      'Active sessions',
      'Sessions ended by outcome',
      'Turns and interruptions',
      'Errors by code',
      'Audio in / out',
      'Tool call p95 by tool',
      'Transport reconnects',
    ]) {
      expect(titles).toContain(title);
    }
  });

  it('is the only dashboard the provider loads, and the provider points where compose mounts it', () => {
    expect(readdirSync(`${CONFIGS_DIR}grafana/dashboards`)).toEqual(['voxd.json']);
    const provider = readFileSync(`${CONFIGS_DIR}grafana/provisioning/dashboards/voxd.yml`, 'utf8');
    expect(provider).toMatch(/path:\s*\/var\/lib\/grafana\/dashboards/);
  });
});
