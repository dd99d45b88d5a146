import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { validateAgentFiles } from '../src/validate-agent-files.js';
import { tempFolder, testRegistry } from './test-registry.js';

const agent = (name: string): string =>
  `# an agent\nname: ${name}\nconnection: { endpoint: local, model: m }\n`;

describe('validateAgentFiles', () => {
  it('checks every file, reports problems per file and duplicate names across files', async () => {
    const dir = await tempFolder({
      'a.yaml': agent('alpha'),
      'b.yaml': agent('alpha'),
      'c.yaml': agent('gamma'),
      'd.yaml': 'name: delta\nconnection: { endpoint: local }\nname: again\n',
    });
    const files = ['a', 'b', 'c', 'd', 'missing'].map((f) => join(dir, `${f}.yaml`));
    const report = await validateAgentFiles(files, { env: {}, registry: testRegistry });
    expect(report.configs.map((c) => c.name)).toEqual(['alpha', 'gamma']);
    expect(report.results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    const brief = report.issues.map(
      (i) => `${i.file.slice(dir.length + 1)}:${i.line}:${i.column} ${i.code} ${i.message}`,
    );
    expect(brief).toEqual([
      'd.yaml:3:1 E_CONFIG_YAML Map keys must be unique',
      expect.stringMatching(/^missing\.yaml:1:1 E_CONFIG_FILE cannot read the agent file: ENOENT/),
      `b.yaml:2:7 E_CONFIG_INVALID agent name "alpha" is already used by ${join(dir, 'a.yaml')}`,
    ]);
  });
});
