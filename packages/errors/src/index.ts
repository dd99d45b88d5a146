export { VoxdError, toError } from './voxd-error.js';
export type { VoxdErrorOptions } from './voxd-error.js';
