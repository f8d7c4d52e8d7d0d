// Fixers for cloud builders (Amazon, Google, Azure names) and the template-function renames they came with.

import { childPath, isJsonObject, type JsonValue, type KeyPath } from '../json/json-value.js';
import { amazon, drop, forTypes, is, recordInPlace, rename, renameIf } from './builder-edits.js';
import { show } from './fix-context.js';

export const createTime = forTypes(
  'createtime',
  'Replaces ".CreateTime" in builder configs with "{{timestamp}}"',
  () => true,
  (obj, path, record) => {
    for (const key of ['ami_name', 'bundle_prefix', 'snapshot_name']) {
      const value = obj[key];
      if (typeof value !== 'string' || !/{{\s*\.CreateTime\s*}}/.test(value)) continue;
      obj[key] = value.replace(/{{\s*\.CreateTime\s*}}/g, '{{timestamp}}');
      recordInPlace(record, path, key, `${show(obj[key])} ('.CreateTime' is '{{timestamp}}')`, true);
    }
  },
);

export const amazonShutdownBehavior = forTypes(
  'amazon-shutdown_behavior',
  'Changes "shutdown_behaviour" to "shutdown_behavior" in Amazon builders.',
  amazon,
  renameIf('shutdown_behaviour', 'shutdown_behavior'),
);
export const amazonEnhancedNetworking = forTypes(
  'amazon-enhanced-networking',
  'Replaces "enhanced_networking" in builders with "ena_support"',
  amazon,
  renameIf('enhanced_networking', 'ena_support', (v) => typeof v === 'boolean'),
);

export const amazonPrivateIp = forTypes(
  'amazon-private-ip',
  'Replaces `"ssh_private_ip": true` in amazon builders with `"ssh_interface": "private_ip"`',
  amazon,
  (obj, path, record) => {
    if ('ssh_interface' in obj || !('ssh_private_ip' in obj)) return;
    const raw = obj.ssh_private_ip;
    const value = typeof raw === 'boolean' ? raw : parseGoBool(raw);
    if (value === undefined) throw new Error(`ssh_private_ip is not a boolean, ${show(raw ?? null)}`);
    rename(obj, path, 'ssh_private_ip', 'ssh_interface', value ? 'private_ip' : 'public_ip', record);
  },
);

function parseGoBool(value: JsonValue | undefined): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

export const amazonTempSecCidrs = forTypes(
  'amazon-temp-sec-cidrs',
  'Replaces "temporary_security_group_source_cidr" (string) with "temporary_security_group_source_cidrs" (list of strings)',
  amazon,
  (obj, path, record) => {
    const cidr = obj.temporary_security_group_source_cidr;
    if (typeof cidr === 'string')
      rename(
        obj,
        path,
        'temporary_security_group_source_cidr',
        'temporary_security_group_source_cidrs',
        [cidr],
        record,
      );
  },
);

export const spotPriceAutoProduct = forTypes(
  'spot-price-auto-product',
  'Removes the deprecated "spot_price_auto_product" setting from Amazon builder templates',
  is('amazon-ebs', 'amazon-ebssurrogate', 'amazon-ebsvolume', 'amazon-instance'),
  (obj, path, record) => drop(obj, path, 'spot_price_auto_product', record),
);

export const cleanImageName = forTypes(
  'clean-image-name',
  'Replaces /clean_(image|ami)_name/ in builder configs with "clean_resource_name"',
  () => true,
  (obj, path, record) => {
    const fixText = (text: string, at: KeyPath, key: string): string => {
      const fixed = text.replace(/clean_(image|ami)_name/g, 'clean_resource_name');
      if (fixed !== text)
        record({
          from: at,
          to: at,
          key,
          replacement: `${show(fixed)} (use 'clean_resource_name')`,
          deprecated: true,
        });
      return fixed;
    };
    for (const [key, value] of Object.entries(obj)) {
      const at = childPath(path, key);
      if (typeof value === 'string') obj[key] = fixText(value, at, key);
      else if (isJsonObject(value)) {
        for (const [inner, text] of Object.entries(value)) {
          if (typeof text === 'string') value[inner] = fixText(text, childPath(at, inner), inner);
        }
      }
    }
  },
);
