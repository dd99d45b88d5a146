import type { Logger } from '@voxd/core';

const ignore = (): void => undefined;

/** The default logger: discards everything. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
