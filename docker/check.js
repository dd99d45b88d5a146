#!/usr/bin/env node
// Static checks of docker/compose.yaml and docker/Dockerfile (no Docker engine runs on the dev
// machines, so `docker compose config` is not available): every path they name exists, the
// services reference each other by the right names and ports, and the Dockerfile copies every
// workspace package. Exits 1 listing every problem.
//
//   node docker/check.js
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import console from 'node:console';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

import { parse } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// ---------------------------------------------------------------- compose.yaml
const compose = parse(readFileSync(join(HERE, 'compose.yaml'), 'utf8'));
const services = compose.services ?? {};
for (const name of ['voxd', 'prometheus', 'grafana', 'k6'])
  check(name in services, `compose: no service ${name}`);

const containerPort = (spec) => String(spec).split(':').at(-1).split('/')[0];
for (const [name, service] of Object.entries(services)) {
  check(
    service.image !== undefined || service.build !== undefined,
    `compose: ${name} has neither image nor build`,
  );
  for (const port of service.ports ?? []) {
    check(
      /^\d+:\d+(\/(tcp|udp))?$/.test(String(port)),
      `compose: ${name} port '${port}' is not HOST:CONTAINER`,
    );
  }
  for (const volume of service.volumes ?? []) {
    const [source, target] = String(volume).split(':');
    check(
      target?.startsWith('/'),
      `compose: ${name} volume '${volume}' has no absolute container path`,
    );
    if (source.startsWith('.') || source.startsWith('/')) {
      check(
        existsSync(resolve(HERE, source)),
        `compose: ${name} mounts ${source}, which does not exist`,
      );
    } else {
      check(
        source in (compose.volumes ?? {}),
        `compose: ${name} uses volume ${source}, not declared under volumes:`,
      );
    }
  }
  const deps = Array.isArray(service.depends_on)
    ? service.depends_on
    : Object.keys(service.depends_on ?? {});
  for (const dep of deps)
    check(dep in services, `compose: ${name} depends on unknown service ${dep}`);
}
const mountOf = (service, target) =>
  (services[service]?.volumes ?? [])
    .map(String)
    .find((v) => v.split(':')[1] === target)
    ?.split(':')[0];

const voxd = services.voxd ?? {};
check(
  existsSync(resolve(HERE, voxd.build?.context ?? '', voxd.build?.dockerfile ?? '')),
  'compose: voxd build context/dockerfile does not exist',
);
const voxdPorts = (voxd.ports ?? []).map(containerPort);
for (const port of ['8765', '9464'])
  check(voxdPorts.includes(port), `compose: voxd does not publish ${port}`);
check(voxd.environment?.VOXD_GATEWAY_KEY !== undefined, 'compose: voxd has no VOXD_GATEWAY_KEY');

// Prometheus scrapes voxd:9464 and loads its rules from the mounted folder.
const promDir = mountOf('prometheus', '/etc/prometheus');
check(promDir !== undefined, 'compose: prometheus does not mount /etc/prometheus');
if (promDir !== undefined) {
  const prom = parse(readFileSync(resolve(HERE, promDir, 'prometheus.yml'), 'utf8'));
  const targets = (prom.scrape_configs ?? []).flatMap((c) =>
    (c.static_configs ?? []).flatMap((s) => s.targets ?? []),
  );
  check(
    targets.includes('voxd:9464'),
    `prometheus.yml: no scrape target voxd:9464 (has ${targets.join(', ')})`,
  );
  for (const pattern of prom.rule_files ?? []) {
    const folder = resolve(HERE, promDir, dirname(pattern));
    check(
      existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.yml')),
      `prometheus.yml: rule_files ${pattern} matches nothing`,
    );
  }
}

// Grafana: provisioning folder, the dashboards folder the provider reads, the datasource URL.
const provisioning = mountOf('grafana', '/etc/grafana/provisioning');
check(provisioning !== undefined, 'compose: grafana does not mount /etc/grafana/provisioning');
if (provisioning !== undefined) {
  const dir = resolve(HERE, provisioning);
  for (const file of readdirSync(join(dir, 'dashboards')).filter((f) => f.endsWith('.yml'))) {
    for (const provider of parse(readFileSync(join(dir, 'dashboards', file), 'utf8')).providers ??
      []) {
      const path = provider.options?.path;
      const source = mountOf('grafana', path);
      check(
        source !== undefined,
        `grafana provider ${provider.name} reads ${path}, which compose does not mount`,
      );
      if (source !== undefined) {
        check(
          readdirSync(resolve(HERE, source)).some((f) => f.endsWith('.json')),
          `grafana: no dashboard JSON in ${source}`,
        );
      }
    }
  }
  for (const file of readdirSync(join(dir, 'datasources')).filter((f) => f.endsWith('.yml'))) {
    for (const source of parse(readFileSync(join(dir, 'datasources', file), 'utf8')).datasources ??
      []) {
      const host = new URL(source.url).host;
      check(
        host === 'prometheus:9090',
        `grafana datasource ${source.name} points at ${host}, not prometheus:9090`,
      );
    }
  }
}

// k6 runs on demand only, with a script and fixture that exist in its mounts.
const k6 = services.k6 ?? {};
check(JSON.stringify(k6.profiles) === '["load"]', 'compose: k6 must be in profile "load" only');
const inMount = (service, containerPath) => {
  for (const volume of (services[service]?.volumes ?? []).map(String)) {
    const [source, target] = volume.split(':');
    if (containerPath.startsWith(`${target}/`))
      return resolve(HERE, source, containerPath.slice(target.length + 1));
  }
  return undefined;
};
const script = (k6.command ?? []).find((arg) => String(arg).endsWith('.js'));
check(
  script !== undefined && existsSync(inMount('k6', script) ?? '/nonexistent'),
  `compose: k6 script ${script} is not in a mount`,
);
const fixture = k6.environment?.FIXTURE;
check(
  fixture !== undefined && existsSync(inMount('k6', fixture) ?? '/nonexistent'),
  `compose: k6 FIXTURE ${fixture} is not in a mount`,
);
check(
  String(k6.environment?.VOICE_LIVE_URL).includes('voxd:8765'),
  'compose: k6 does not target voxd:8765',
);

// ---------------------------------------------------------------- Dockerfile
const dockerfile = readFileSync(join(HERE, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
const lines = dockerfile
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
for (const pkg of readdirSync(join(ROOT, 'packages'))) {
  if (!existsSync(join(ROOT, 'packages', pkg, 'package.json'))) continue;
  check(
    lines.includes(`COPY packages/${pkg}/package.json packages/${pkg}/`),
    `Dockerfile: no COPY of packages/${pkg}/package.json (npm ci would miss the workspace)`,
  );
}
for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
  const sources = line.split(/\s+/).slice(1, -1);
  for (const source of sources)
    check(existsSync(join(ROOT, source)), `Dockerfile: COPY source ${source} does not exist`);
}
check(
  /^FROM node:20-bookworm-slim AS build$/m.test(dockerfile),
  'Dockerfile: no node:20-bookworm-slim build stage',
);
check(lines.includes('USER node'), 'Dockerfile: does not run as USER node');
check(/^EXPOSE 8765 9464$/m.test(dockerfile), 'Dockerfile: EXPOSE 8765 9464 missing');
check(
  /HEALTHCHECK .*CMD \[.*127\.0\.0\.1:9464\/healthz/.test(dockerfile),
  'Dockerfile: HEALTHCHECK does not probe /healthz',
);
const cmd = lines.find((l) => l.startsWith('CMD '));
let argv = [];
try {
  argv = JSON.parse(cmd?.slice(4) ?? '');
} catch {
  problems.push(`Dockerfile: CMD is not an exec-form JSON array: ${cmd}`);
}
check(argv[0] === 'node', 'Dockerfile: CMD does not start with node');
const entry = argv[1] ?? '';
check(
  existsSync(join(ROOT, entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts'))),
  `Dockerfile: CMD runs ${entry}, whose source does not exist`,
);
for (const arg of argv.slice(2).filter((a) => a.startsWith('configs/')))
  check(existsSync(join(ROOT, arg)), `Dockerfile: CMD names ${arg}, which does not exist`);

if (problems.length > 0) {
  console.error(problems.map((p) => `✗ ${p}`).join('\n'));
  process.exitCode = 1;
} else {
  console.log(
    `docker: compose.yaml (${Object.keys(services).length} services) and Dockerfile check out`,
  );
}
