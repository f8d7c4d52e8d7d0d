// The result of loading a template: parsed structure plus resolved user variables and run-wide context.

import type { FixChange } from '../fix/index.js';
import type { ParsedDocument } from '../json/parse-template-file.js';
import type { RawTemplate } from './raw-template.js';

export interface LoadedTemplate {
  /** Absolute path of the template file. */
  readonly path: string;
  /** Working directory relative paths resolve against (scripts, ISO paths, output dirs), as in Packer. */
  readonly cwd: string;
  readonly document: ParsedDocument;
  readonly raw: RawTemplate;
  /** Every user variable (declared or passed with -var/-var-file), fully rendered. */
  readonly variables: ReadonlyMap<string, string>;
  /**
   * The same variables rendered at a fixed time (the Unix epoch) with a fixed `uuid`: what the snapshot cache
   * hashes, so `{{timestamp}}`-style values do not change its keys. Absent in hand-made test templates.
   */
  readonly keyVariables?: ReadonlyMap<string, string>;
  /**
   * HCL2: the template evaluated at that fixed time with that fixed `uuidv4` (its values are final at load,
   * so `timestamp()` cannot be left for the key's rendering); undefined: `raw` is what the cache hashes.
   */
  readonly cacheKeyRaw?: RawTemplate;
  /** Names listed in `sensitive-variables`. */
  readonly sensitiveVariables: readonly string[];
  /** Non-empty values of sensitive variables: the UI replaces each occurrence with `<sensitive>`. */
  readonly sensitiveValues: readonly string[];
  /** Fixed time of this run: `timestamp`, `isotime`, `strftime` render from it. */
  readonly initTime: Date;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly warnings: readonly string[];
  /** Deprecated options rewritten as `packer fix` would (`raw` holds the rewritten form); warned about per build. */
  readonly fixes?: readonly FixChange[];
}
