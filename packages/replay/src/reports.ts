import type { CaseResult, SuiteResult } from './run-suite.js';

const xml = (s: string): string =>
  s
    .replace(
      /[<>&"']/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
    )
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Every failure of a case as text: expectations, then golden diffs. */
export function failureText(result: CaseResult): string {
  if (result.status === 'error') return result.error ?? 'error';
  const lines: string[] = [];
  result.runs.forEach((run, i) => {
    if (run.passed) return;
    const tag = result.runs.length > 1 ? `run ${i + 1}: ` : '';
    for (const f of run.failures) lines.push(`${tag}${f.expectation}: ${f.message}`);
    if (run.goldenDiff !== undefined) lines.push(run.goldenDiff);
  });
  if (result.runs.length > 1)
    lines.unshift(
      `${result.passes} of ${result.runs.length} runs passed (${result.required} required)`,
    );
  return lines.join('\n');
}

/** JUnit XML: one testsuite, one testcase per case, failures with the expectation and the diff. */
export function junitXml(name: string, result: SuiteResult): string {
  const failures = result.cases.filter((c) => c.status === 'failed').length;
  const errors = result.cases.filter((c) => c.status === 'error').length;
  const cases = result.cases.map((c) => {
    const time = (c.runs.reduce((n, r) => n + r.wallMs, 0) / 1000).toFixed(3);
    const head = `    <testcase classname="${xml(name)}" name="${xml(c.name)}" time="${time}">`;
    if (c.status === 'passed') return `${head}</testcase>`;
    const tag = c.status === 'error' ? 'error' : 'failure';
    const text = failureText(c);
    const first = text.split('\n')[0] ?? '';
    return `${head}\n      <${tag} message="${xml(first)}">${xml(text)}</${tag}>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${result.cases.length}" failures="${failures}" errors="${errors}" time="${(result.wallMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(name)}" tests="${result.cases.length}" failures="${failures}" errors="${errors}" time="${(result.wallMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The result as JSON (metrics per run; no audio). */
export function resultJson(result: SuiteResult): string {
  return `${JSON.stringify(result, (_key, value: unknown) => (value === -Infinity ? null : value), 2)}\n`;
}

/** A fixed-width summary table, one row per case. */
export function summaryTable(result: SuiteResult): string {
  const rows = result.cases.map((c) => {
    const m = c.runs[0]?.metrics;
    const lat =
      m === undefined || m.turnLatenciesMs.length === 0
        ? '-'
        : `${Math.round(Math.max(...m.turnLatenciesMs))}`;
    const stop =
      m === undefined || m.bargeIns.length === 0
        ? '-'
        : `${Math.round(Math.max(...m.bargeIns.map((b) => b.stopMs)))}`;
    return [
      c.status === 'passed' ? 'pass' : c.status === 'failed' ? 'FAIL' : 'ERROR',
      c.name,
      c.runs.length > 1 ? `${c.passes}/${c.runs.length}` : '',
      m === undefined ? '-' : String(m.turns),
      lat,
      stop,
      `${((c.runs[0]?.audioMs ?? 0) / 1000).toFixed(1)}s`,
    ];
  });
  const header = ['result', 'case', 'runs', 'turns', 'turn ms', 'stop ms', 'audio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]): string =>
    r
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const passed = result.cases.filter((c) => c.status === 'passed').length;
  return [
    fmt(header),
    ...rows.map(fmt),
    '',
    `${passed}/${result.cases.length} cases passed; ${(result.audioMs / 1000).toFixed(1)} s of audio in ${(result.wallMs / 1000).toFixed(1)} s (${result.speed.toFixed(1)}× real time)`,
    '',
  ].join('\n');
}
