// Writes configs/schema/agent.schema.json from the built packages (run `npm run build` first, or
// `npx turbo run build --filter=@voxd/config...`). The registry is the WAV source/sink, as in the
// daemon's built-in registry; test/agent-schema-file.test.ts fails when the file is out of date.
import { writeFile } from 'node:fs/promises';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

import { agentConfigJsonSchema } from '@voxd/config';
import { wavSinkPlugin, wavSourcePlugin } from '@voxd/io-wav';

const target = fileURLToPath(new URL('../../../configs/schema/agent.schema.json', import.meta.url));
const registry = { sources: [wavSourcePlugin], sinks: [wavSinkPlugin], plugins: [] };
await writeFile(target, `${JSON.stringify(agentConfigJsonSchema(registry), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
