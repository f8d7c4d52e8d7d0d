// ISO acquisition: checksum specs, SUMS files, the download cache.
export { type AcquiredIso, type AcquireIsoOptions, acquireIso } from './acquire.js';
export { findByteServingUrl } from './byte-serving.js';
export { type CacheTargetOptions, cacheFileName, cacheTargetPath, resolveCacheDir } from './cache.js';
export {
  type ChecksumLine,
  checksumFileNames,
  findChecksumInText,
  parseChecksumLine,
} from './checksum-file.js';
export {
  ACCEPTED_FORMS,
  type Checksum,
  type ChecksumAlgorithm,
  type ChecksumFileSource,
  type ChecksumSpec,
  formatChecksum,
  parseChecksumSpec,
  type ResolvedChecksum,
} from './checksum-spec.js';
export { digestFile, type ProgressCallback } from './digest.js';
export { type ResolveChecksumOptions, resolveChecksum } from './resolve-checksum.js';
export { STALL_TIMEOUT_ENV, stallTimeoutFromEnv } from './stall-watchdog.js';
