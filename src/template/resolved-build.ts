// Types of a resolved build: the builder config plus the provisioners and post-processors that belong to it.

import type { QemuConfig } from '../builders/qemu/config/qemu-config.js';
import type { KeyPath } from '../json/json-value.js';
import type { ConvertConfig } from '../post-processors/convert/config.js';
import type { ShellProvisionerConfig } from '../provisioners/shell/config.js';
import type { ShellLocalConfig } from '../provisioners/shell-local/config.js';

export interface ResolvedProvisioner {
  readonly type: ShellProvisionerConfig['type'] | ShellLocalConfig['type'];
  readonly config: ShellProvisionerConfig | ShellLocalConfig;
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

export interface ResolvedPostProcessor {
  readonly type: ConvertConfig['type'] | ShellLocalConfig['type'];
  readonly name: string;
  readonly config: ConvertConfig | ShellLocalConfig;
  readonly only: readonly string[];
  readonly except: readonly string[];
  readonly applies: boolean;
  /** undefined = the post-processor's default (shell-local always keeps its input). */
  readonly keepInputArtifact: boolean | undefined;
  readonly path: KeyPath;
}

export interface ResolvedBuild {
  readonly name: string;
  readonly type: 'qemu';
  readonly config: QemuConfig;
  readonly provisioners: readonly ResolvedProvisioner[];
  readonly errorCleanupProvisioner: ResolvedProvisioner | undefined;
  /** Each inner list is a chain: each step's output is the next step's input. */
  readonly postProcessors: readonly (readonly ResolvedPostProcessor[])[];
}

/** Packer's OnlyExcept.Skip. */
export function appliesToBuild(
  onlyExcept: { only: readonly string[]; except: readonly string[] },
  build: string,
): boolean {
  if (onlyExcept.only.length > 0) return onlyExcept.only.includes(build);
  return !onlyExcept.except.includes(build);
}
