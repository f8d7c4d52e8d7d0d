// A template's plugin sections after resolution: a plugin's type and typed config plus Packer's common options.
// The registry narrows `Type`/`Config` to the discriminated unions of the plugins it lists.
import type { KeyPath } from '../json/json-value.js';

export interface ResolvedProvisioner<Type extends string = string, Config = unknown> {
  readonly type: Type;
  readonly config: Config;
  readonly only: readonly string[];
  readonly except: readonly string[];
  /** false when only/except excludes this build (kept so callers can list it). */
  readonly applies: boolean;
  readonly pauseBeforeMs: number;
  readonly maxRetries: number;
  /** ms; 0 = no timeout. */
  readonly timeoutMs: number;
  readonly path: KeyPath;
}

export interface ResolvedPostProcessor<Type extends string = string, Config = unknown> {
  readonly type: Type;
  /** The `name` Packer's -except matches; the type when none was given. */
  readonly name: string;
  readonly config: Config;
  readonly only: readonly string[];
  readonly except: readonly string[];
  readonly applies: boolean;
  /** undefined = the post-processor's default. */
  readonly keepInputArtifact: boolean | undefined;
  readonly path: KeyPath;
}

/** Packer's OnlyExcept.Skip. */
export function appliesToBuild(
  onlyExcept: { only: readonly string[]; except: readonly string[] },
  build: string,
): boolean {
  if (onlyExcept.only.length > 0) return onlyExcept.only.includes(build);
  return !onlyExcept.except.includes(build);
}
