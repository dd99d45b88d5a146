export { describeSourceConformance } from './conformance/source-conformance.js';
export type {
  SourceConformanceOptions,
  SourceUnderTest,
} from './conformance/source-conformance.js';
export { openFileCount } from './conformance/open-files.js';
