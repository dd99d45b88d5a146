import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The repository's system-deps.txt, found from `from` upwards, or undefined. */
function systemDepsFile(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'system-deps.txt');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The executable `command` resolves to on PATH, or undefined. */
export function findCommand(
  command: string,
  pathEnv = process.env['PATH'] ?? '',
): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The path of a program the tests need from the OS. Every such program is listed in the root
 * system-deps.txt and `npm test` installs it before any test runs, so a missing one is a failure
 * that says how to fix it, never a skip.
 */
export function requireCommand(command: string): string {
  const found = findCommand(command);
  if (found !== undefined) return found;
  const file = systemDepsFile(process.cwd());
  const lines = file === undefined ? [] : readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.split('#')[0]?.trim().split(/\s+/)[1] === command);
  const listed =
    file === undefined || index === -1
      ? `it is not listed in system-deps.txt: add "<debian-package> ${command}  # why" there`
      : `${file}:${index + 1} lists it; \`npm test\` installs it (as root), or run ` +
        `\`node scripts/ensure-system-deps.js\` at the repository root`;
  throw new Error(`\`${command}\` is not on PATH: ${listed}`);
}
