// Fixers for provisioners and post-processors (Packer 1.6.6 fix/), in every post-processor form.

import { childPath, isJsonObject, type JsonObject } from '../json/json-value.js';
import { drop, recordInPlace } from './builder-edits.js';
import {
  builders,
  type Fixer,
  postProcessors,
  provisioners,
  renameKey,
  show,
  typeOf,
} from './fix-context.js';

export const vagrantPpOverride: Fixer = {
  name: 'pp-vagrant-override',
  synopsis: 'Fixes provider-specific overrides for Vagrant post-processor',
  fix(root, record) {
    for (const { obj, path } of postProcessors(root)) {
      if (typeOf(obj) !== 'vagrant') continue;
      const overrides: JsonObject = {};
      for (const name of ['aws', 'digitalocean', 'virtualbox', 'vmware']) {
        if (!(name in obj)) continue;
        overrides[name] = obj[name] ?? null;
        delete obj[name];
        record({
          from: childPath(path, name),
          to: childPath(childPath(path, 'override'), name),
          key: name,
          replacement: `'override': { ${show(name)}: … }`,
          deprecated: true,
        });
      }
      if (Object.keys(overrides).length > 0) obj.override = overrides;
    }
  },
};

export const manifestFilename: Fixer = {
  name: 'manifest-filename',
  synopsis: 'Updates "manifest" post-processor so any "filename" field is renamed to "output".',
  fix(root, record) {
    for (const { obj, path } of postProcessors(root)) {
      if (typeOf(obj) !== 'manifest' || typeof obj.filename !== 'string') continue;
      const value = obj.filename;
      renameKey(obj, 'filename', 'output', value);
      record({
        from: childPath(path, 'filename'),
        to: childPath(path, 'output'),
        key: 'filename',
        replacement: `'output': ${show(value)}`,
        deprecated: true,
      });
    }
  },
};

export const dockerEmail: Fixer = {
  name: 'docker-email',
  synopsis: 'Removes "login_email" from the Docker builder.',
  fix(root, record) {
    // As in Packer, the fixer runs only when the template has post-processors.
    if (root['post-processors'] === undefined || root['post-processors'] === null) return;
    for (const { obj, path } of [...builders(root), ...postProcessors(root)]) {
      drop(obj, path, 'login_email', record);
    }
  },
};

export const dockerTagTags: Fixer = {
  name: 'docker-tag-tags',
  synopsis: 'Updates "docker" post-processor so any "tag" field is renamed to "tags".',
  fix(root, record) {
    for (const { obj, path } of postProcessors(root)) {
      if (typeOf(obj) !== 'docker-tag' || !('tag' in obj)) continue;
      const all = [...tagList(obj.tag), ...tagList(obj.tags)];
      const tags = [...new Set(all)];
      if ('tags' in obj) {
        obj.tags = tags;
        delete obj.tag;
      } else renameKey(obj, 'tag', 'tags', tags);
      record({
        from: childPath(path, 'tag'),
        to: childPath(path, 'tags'),
        key: 'tag',
        replacement: `'tags': ${show(tags)}`,
        deprecated: true,
      });
    }
  },
};

function tagList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((t) => t.trim());
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === 'string');
  return [];
}

const unescapePs = (text: string): string => text.replace(/`([$"`'])/g, '$1');

export const powershellEscapes: Fixer = {
  name: 'powershell-escapes',
  synopsis: 'Removes PowerShell escapes from user env vars and elevated username and password strings',
  fix(root, record) {
    for (const { obj, path } of provisioners(root)) {
      if (typeOf(obj) !== 'powershell') continue;
      for (const key of ['elevated_user', 'elevated_password', 'environment_vars']) {
        const value = obj[key];
        const fixed =
          typeof value === 'string'
            ? unescapePs(value)
            : Array.isArray(value)
              ? value.map((v) => (typeof v === 'string' ? unescapePs(v) : v))
              : value;
        if (fixed === undefined || show(fixed) === show(value ?? null)) continue;
        obj[key] = fixed;
        recordInPlace(record, path, key, show(fixed), false);
      }
    }
  },
};

export const galaxyCommand: Fixer = {
  name: 'galaxy-command',
  synopsis: 'Replaces "galaxycommand" in ansible-local provisioner configs with "galaxy_command"',
  fix(root, record) {
    for (const { obj, path } of provisioners(root)) {
      if (typeOf(obj) !== 'ansible-local' || !('galaxycommand' in obj)) continue;
      const value = obj.galaxycommand;
      if ('galaxy_command' in obj) delete obj.galaxycommand;
      else if (typeof value === 'string') renameKey(obj, 'galaxycommand', 'galaxy_command', value);
      else continue;
      record({
        from: childPath(path, 'galaxycommand'),
        to: childPath(path, 'galaxy_command'),
        key: 'galaxycommand',
        replacement: "'galaxy_command'",
        deprecated: true,
      });
    }
  },
};

/** The provisioner half of Packer's virtualbox-rename: `override.virtualbox` → `override["virtualbox-iso"]`. */
export const virtualBoxOverrideRename: Fixer = {
  name: 'virtualbox-rename',
  synopsis: 'Updates "virtualbox" builders to "virtualbox-iso"',
  fix(root, record) {
    for (const { obj, path } of provisioners(root)) {
      const override = obj.override;
      if (!isJsonObject(override) || !('virtualbox' in override)) continue;
      renameKey(override, 'virtualbox', 'virtualbox-iso', override.virtualbox ?? null);
      const base = childPath(path, 'override');
      record({
        from: childPath(base, 'virtualbox'),
        to: childPath(base, 'virtualbox-iso'),
        key: 'override.virtualbox',
        replacement: '\'override\': { "virtualbox-iso": … }',
        deprecated: true,
      });
    }
  },
};
