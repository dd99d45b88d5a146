import { readdirSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * How many file descriptors of this process are open on `path` right now (Linux: reads
 * `/proc/self/fd`). Lets a test prove that a source opens nothing before it is subscribed and
 * closes everything on unsubscribe, with real descriptors rather than mocks.
 *
 * @example
 * describeSourceConformance('wav', () => ({ source, isOpen: () => openFileCount(file) > 0 }), …);
 */
export function openFileCount(path: string): number {
  const target = resolve(path);
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === target) count += 1;
    } catch {
      // The descriptor closed between listing and reading it (the directory's own one does).
    }
  }
  return count;
}
