import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';

/** The repo's `configs/` folder. */
export const CONFIGS_DIR = fileURLToPath(new URL('../../../configs/', import.meta.url));

export interface DashboardTarget {
  readonly panel: string;
  readonly expr: string;
}

interface Panel {
  readonly title?: string;
  readonly type?: string;
  readonly targets?: readonly { readonly expr?: unknown }[];
  readonly panels?: readonly Panel[];
}

/** The Grafana dashboard, parsed. */
export function readDashboard(): {
  readonly uid: string;
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { readonly query: { readonly query: string } }[] };
} {
  return JSON.parse(readFileSync(`${CONFIGS_DIR}grafana/dashboards/voxd.json`, 'utf8')) as never;
}

/** Every query of every panel (rows' nested panels included). */
export function dashboardTargets(): DashboardTarget[] {
  const walk = (panels: readonly Panel[]): DashboardTarget[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? []).map((t) => ({ panel: panel.title ?? '?', expr: String(t.expr) })),
      ...walk(panel.panels ?? []),
    ]);
  return walk(readDashboard().panels);
}

/** A dashboard query as Prometheus itself can run it: Grafana's variables replaced. */
export function asPromql(expr: string): string {
  return expr.replaceAll('$__rate_interval', '30s').replaceAll('$agent', '.*');
}

/**
 * Every series name a registry of voice metrics (with process metrics) exposes, histogram and
 * summary suffixes included.
 */
export function exposedNames(): Set<string> {
  const { registry } = createVoiceMetrics({ collectProcessMetrics: true });
  const names = new Set<string>();
  for (const metric of registry.getMetricsAsArray()) {
    const type = String(metric.type);
    names.add(metric.name);
    if (type === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
    if (type === 'summary') for (const s of ['_sum', '_count']) names.add(metric.name + s);
  }
  return names;
}

/** Metric names in a PromQL expression that voxd must expose (voxd_*, process_*, nodejs_*). */
export function metricNamesIn(expr: string): string[] {
  // `agent:voxd_…:p95_5m` is a recording rule's name (level:metric:operations), not an exposed one.
  const withoutRuleNames = expr.replace(/[a-z_]*:[a-z0-9_]+:[a-z0-9_]+/g, ' ');
  return [...withoutRuleNames.matchAll(/\b(?:voxd|process|nodejs)_[a-z0-9_]+/g)].map((m) => m[0]);
}
