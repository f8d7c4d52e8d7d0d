// The template's structure after reading (Packer template/parse.go's types): builders, provisioners, PP chains.

import type { JsonObject, KeyPath } from '../json/json-value.js';
import type { ProblemCollector } from './problems.js';

export interface RawBuilder {
  readonly type: string;
  /** The build name: `name` rendered with the user variables (as Packer does), else the type. */
  readonly name: string;
  /** The name as written; provisioner and post-processor only/except/override refer to this, as in Packer. */
  readonly rawName: string;
  /** Builder options without `type` and `name`. */
  readonly config: JsonObject;
  readonly path: KeyPath;
}

export interface OnlyExcept {
  readonly only: readonly string[];
  readonly except: readonly string[];
}

export interface RawProvisioner extends OnlyExcept {
  readonly type: string;
  readonly override: Readonly<Record<string, JsonObject>>;
  readonly pauseBeforeMs: number;
  readonly maxRetries: number;
  /** ms; 0 = none. */
  readonly timeoutMs: number;
  readonly config: JsonObject;
  readonly path: KeyPath;
}

export interface RawPostProcessor extends OnlyExcept {
  readonly type: string;
  readonly name: string;
  /** undefined = the post-processor's own default. */
  readonly keepInputArtifact: boolean | undefined;
  readonly config: JsonObject;
  readonly path: KeyPath;
}

/** Where parse problems and Validate-level problems go (see readRawTemplate). */
export interface RawSinks {
  readonly problems: ProblemCollector;
  readonly checks: ProblemCollector;
}

export interface RawTemplate {
  readonly description: string | undefined;
  readonly minPackerVersion: string | undefined;
  readonly comments: Readonly<Record<string, string>>;
  readonly variables: JsonObject;
  readonly sensitiveVariables: readonly string[];
  readonly builders: readonly RawBuilder[];
  readonly provisioners: readonly RawProvisioner[];
  readonly errorCleanupProvisioner: RawProvisioner | undefined;
  /**
   * HCL2: one error-cleanup-provisioner per build block, so one per build (each `only` that build); a build
   * without an entry here falls back to `errorCleanupProvisioner`.
   */
  readonly errorCleanupProvisioners?: readonly RawProvisioner[];
  /**
   * HCL2: each provisioner and post-processor chain is a copy evaluated for one build (`only` that build), so a
   * build resolves only its own, as Packer's GetBuilds starts only the blocks that apply to the source.
   */
  readonly perBuildComponents?: boolean;
  readonly postProcessors: readonly (readonly RawPostProcessor[])[];
}
