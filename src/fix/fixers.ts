// Packer 1.6.6's fixers in its FixerOrder, and fixTemplate: apply them all to a copy of a parsed template.

import { KilnError } from '../core/errors.js';
import { isJsonObject, type JsonValue } from '../json/json-value.js';
import * as cloud from './cloud-fixers.js';
import {
  commConfig,
  isoChecksumTypeAndUrl,
  isoMd5,
  qemuDiskSize,
  qemuHostPort,
  sshDisableAgent,
  sshKeyPath,
  sshWaitTimeout,
} from './common-fixers.js';
import type { FixChange, Fixer } from './fix-context.js';
import {
  dockerEmail,
  dockerTagTags,
  galaxyCommand,
  manifestFilename,
  powershellEscapes,
  vagrantPpOverride,
  virtualBoxOverrideRename,
} from './plugin-fixers.js';
import * as vendor from './vendor-fixers.js';

const virtualBoxRename: Fixer = {
  ...vendor.virtualBoxRename,
  fix(root, record) {
    vendor.virtualBoxRename.fix(root, record);
    virtualBoxOverrideRename.fix(root, record);
  },
};

/** Same names and order as Packer 1.6.6's fix.FixerOrder. */
export const FIXERS: readonly Fixer[] = [
  isoMd5,
  cloud.createTime,
  vendor.virtualBoxGaAttach,
  vagrantPpOverride,
  virtualBoxRename,
  vendor.vmwareRename,
  vendor.parallelsHeadless,
  vendor.parallelsDeprecations,
  sshKeyPath,
  sshDisableAgent,
  vendor.scalewayAccessKey,
  manifestFilename,
  cloud.amazonShutdownBehavior,
  cloud.amazonEnhancedNetworking,
  cloud.amazonPrivateIp,
  cloud.amazonTempSecCidrs,
  dockerEmail,
  dockerTagTags,
  powershellEscapes,
  vendor.vmwareCompaction,
  vendor.hypervDeprecations,
  vendor.hypervVmxcTypo,
  vendor.hypervCpuAndRam,
  cloud.cleanImageName,
  cloud.spotPriceAutoProduct,
  qemuDiskSize,
  galaxyCommand,
  commConfig,
  sshWaitTimeout,
  vendor.vsphereNetworkDisk,
  isoChecksumTypeAndUrl,
  qemuHostPort,
  vendor.azureExcludeFromLatest,
  vendor.proxmoxType,
];

export interface FixResult {
  readonly value: JsonValue;
  readonly changes: readonly FixChange[];
}

/** Raised when a fixer cannot rewrite a value (Packer: "Error fixing: …"). */
export class FixError extends KilnError {
  constructor(message: string) {
    super(message, { code: 'fix-failed' });
  }
}

/** Applies every fixer to a deep copy of `value`; the input is left untouched. */
export function fixTemplate(value: JsonValue): FixResult {
  if (!isJsonObject(value)) return { value, changes: [] };
  const root = structuredClone(value);
  const changes: FixChange[] = [];
  for (const fixer of FIXERS) {
    try {
      fixer.fix(root, (change) => changes.push({ fixer: fixer.name, ...change }));
    } catch (error) {
      throw new FixError((error as Error).message);
    }
  }
  return { value: root, changes };
}

/** The one-line warning Kiln prints for a deprecated key it rewrote. */
export function formatFixWarning(change: FixChange): string {
  return `${change.from}: '${change.key}' is deprecated; read as ${change.replacement} (\`kiln fix\` rewrites the template)`;
}
