// Fixers for options every builder shares (ISO checksums, SSH communicator) and the qemu builder's own.

import { childPath } from '../json/json-value.js';
import { recordInPlace, rename } from './builder-edits.js';
import { builders, type Fixer, renameKey, show, typeOf } from './fix-context.js';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const isoMd5: Fixer = {
  name: 'iso-md5',
  synopsis: 'Replaces "iso_md5" in builders with "iso_checksum"',
  fix(root, record) {
    for (const { obj, path } of builders(root)) {
      const md5 = obj.iso_md5;
      if (typeof md5 !== 'string') continue;
      // With a checksum URL the later fixer makes "file:<url>" win, exactly as Packer's pair of fixers does.
      const viaUrl = str(obj.iso_checksum_url) !== '';
      const value = viaUrl ? md5 : `md5:${md5}`;
      renameKey(obj, 'iso_md5', 'iso_checksum', value);
      if (viaUrl) obj.iso_checksum_type = 'md5';
      const to = childPath(path, 'iso_checksum');
      record({
        from: childPath(path, 'iso_md5'),
        to,
        key: 'iso_md5',
        replacement: `'iso_checksum': ${show(value)}`,
        deprecated: true,
      });
    }
  },
};

export const isoChecksumTypeAndUrl: Fixer = {
  name: 'iso-checksum-type-and-url',
  synopsis: 'Puts content of potential "iso_checksum_url" and "iso_checksum_url" in "iso_checksum"',
  fix(root, record) {
    for (const { obj, path } of builders(root)) {
      const hasUrl = 'iso_checksum_url' in obj;
      const hasType = 'iso_checksum_type' in obj;
      if (!hasUrl && !hasType) continue;
      const url = str(obj.iso_checksum_url);
      const type = str(obj.iso_checksum_type);
      let checksum = str(obj.iso_checksum);
      // Packer leaves iso_checksum empty for type "none" (then fails "a checksum must be specified"); Kiln writes "none".
      if (type.toLowerCase() === 'none' && url === '') checksum = 'none';
      else if (url !== '') checksum = `file:${url}`;
      else if (checksum !== '' && type !== '') checksum = `${type}:${checksum}`;
      const first = hasType ? 'iso_checksum_type' : 'iso_checksum_url';
      const anchor = 'iso_checksum' in obj ? 'iso_checksum' : first;
      if (checksum !== '') renameKey(obj, anchor, 'iso_checksum', checksum);
      delete obj.iso_checksum_type;
      delete obj.iso_checksum_url;
      const to = childPath(path, 'iso_checksum');
      const replacement =
        checksum === '' ? "nothing (no 'iso_checksum' was given)" : `'iso_checksum': ${show(checksum)}`;
      for (const key of [hasType ? 'iso_checksum_type' : '', hasUrl ? 'iso_checksum_url' : ''].filter(
        Boolean,
      )) {
        record({ from: childPath(path, key), to, key, replacement, deprecated: true });
      }
    }
  },
};

/** `from` → `to` on every builder whose type passes `applies`; an existing `to` wins (the old key is dropped). */
function keepExistingRename(
  name: string,
  synopsis: string,
  from: string,
  to: string,
  valueType: 'string' | 'boolean',
  applies: (type: string) => boolean = () => true,
): Fixer {
  return {
    name,
    synopsis,
    fix(root, record) {
      for (const { obj, path } of builders(root)) {
        if (!applies(typeOf(obj)) || !(from in obj)) continue;
        const value = obj[from] ?? null;
        if (to in obj) {
          delete obj[from];
          record({
            from: childPath(path, from),
            to: childPath(path, to),
            key: from,
            replacement: `'${to}' (already set; '${from}' dropped)`,
            deprecated: true,
          });
          continue;
        }
        if (typeof value !== valueType || value === null) continue;
        rename(obj, path, from, to, value, record);
      }
    },
  };
}

export const sshKeyPath = keepExistingRename(
  'sshkeypath',
  'Updates builders using "ssh_key_path" to use "ssh_private_key_file"',
  'ssh_key_path',
  'ssh_private_key_file',
  'string',
);

export const sshDisableAgent = keepExistingRename(
  'sshdisableagent',
  'Updates builders using "ssh_disable_agent" to use "ssh_disable_agent_forwarding"',
  'ssh_disable_agent',
  'ssh_disable_agent_forwarding',
  'boolean',
);

export const sshWaitTimeout = keepExistingRename(
  'ssh-wait-timeout',
  'Replaces "ssh_wait_timeout" with "ssh_timeout"',
  'ssh_wait_timeout',
  'ssh_timeout',
  'string',
);

const skipNatMapping = keepExistingRename(
  'comm-config',
  '',
  'ssh_skip_nat_mapping',
  'skip_nat_mapping',
  'boolean',
  (type) => commTypes(type) || type === 'qemu',
);

const commTypes = (type: string): boolean => type.startsWith('virtualbox');

/** Packer's comm-config fixer covers only virtualbox builders; Kiln also fixes ssh_skip_nat_mapping for qemu. */
export const commConfig: Fixer = {
  name: 'comm-config',
  synopsis:
    'Remove ssh prefixes from communicator port forwarding configuration (host_port_min, host_port_max, skip_nat_mapping)',
  fix(root, record) {
    for (const key of ['ssh_host_port_min', 'ssh_host_port_max'])
      anyValueRename(key, commTypes).fix(root, record);
    skipNatMapping.fix(root, record);
  },
};

function anyValueRename(from: string, applies: (type: string) => boolean): Fixer {
  const to = from.replace(/^ssh_/, '');
  return {
    name: 'comm-config',
    synopsis: '',
    fix(root, record) {
      for (const { obj, path } of builders(root)) {
        if (!applies(typeOf(obj)) || !(from in obj)) continue;
        const value = obj[from] ?? null;
        if (to in obj) delete obj[from];
        else renameKey(obj, from, to, value);
        record({
          from: childPath(path, from),
          to: childPath(path, to),
          key: from,
          replacement: `'${to}': ${show(obj[to] ?? null)}`,
          deprecated: true,
        });
      }
    },
  };
}

export const qemuHostPort: Fixer = {
  name: 'qemu-host-port',
  synopsis: 'Updates ssh_host_port_min and ssh_host_port_max to host_port_min and host_port_max',
  fix(root, record) {
    for (const { obj, path } of builders(root)) {
      if (typeOf(obj) !== 'qemu') continue;
      for (const from of ['ssh_host_port_min', 'ssh_host_port_max']) {
        if (!(from in obj)) continue;
        const to = from.replace(/^ssh_/, '');
        const value = obj[from] ?? null;
        rename(obj, path, from, to, value, record);
      }
    }
  },
};

export const qemuDiskSize: Fixer = {
  name: 'qemu-disk-size',
  synopsis: 'Updates "disk_size" from int to string in QEMU builders.',
  fix(root, record) {
    for (const { obj, path } of builders(root)) {
      if (typeOf(obj) !== 'qemu' || typeof obj.disk_size !== 'number') continue;
      const value = `${Math.trunc(obj.disk_size)}M`;
      obj.disk_size = value;
      recordInPlace(record, path, 'disk_size', `'disk_size': ${show(value)}`, false);
    }
  },
};
