import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { PluginOptionIssue } from '@voxd/core';

/**
 * Issues with using `dir` (absolute) as an output folder that is created on demand: it must be a
 * writable folder, or not exist yet under a writable folder. `shown` is the path as written.
 */
export async function outputDirIssues(
  dir: string,
  shown: string,
  optionPath: readonly (string | number)[],
): Promise<PluginOptionIssue[]> {
  const issue = (message: string): PluginOptionIssue[] => [
    { path: optionPath, message: `${shown}: ${message}` },
  ];
  const target = await stat(dir).catch(() => undefined);
  if (target !== undefined && !target.isDirectory()) return issue('is a file, not a folder');
  // A missing folder is created with its parents at the first session: check the nearest existing one.
  let existing = dir;
  while (target === undefined) {
    const parent = dirname(existing);
    const found = await stat(parent).catch(() => undefined);
    if (found !== undefined) {
      if (!found.isDirectory()) return issue(`${parent} is not a folder`);
      existing = parent;
      break;
    }
    if (parent === existing) return issue('no existing parent folder');
    existing = parent;
  }
  const writable = await access(existing, constants.W_OK).then(
    () => true,
    () => false,
  );
  return writable ? [] : issue(`${existing} is not writable`);
}
