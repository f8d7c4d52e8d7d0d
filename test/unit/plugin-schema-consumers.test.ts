// Accepted means implemented, or refused: every key a plugin's schema accepts must feed a config property that
// code outside the template layer and the plugin's own config files reads. A key nobody reads must move to the
// schema's `unsupported` map (an error naming it) instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDERS, POST_PROCESSORS, PROVISIONERS } from '../../src/registry/registry.js';
import type { ConfigSchema } from '../../src/template/index.js';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Where options are decoded, not used: the template layer and every plugin's config files. */
function isConfigCode(path: string): boolean {
  const rel = relative(SRC, path);
  return rel.startsWith('template/') || /(^|\/)config(\/|\.ts$)|-config\.ts$/.test(rel);
}

const consumerCode = sourceFiles(SRC)
  .filter((path) => !isConfigCode(path))
  .map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

/** The config property a key feeds: its own `into`, else camelCase (+Ms for durations, as configs store ms). */
function propertyOf(key: string, schema: ConfigSchema): string {
  const spec = schema.fields[key];
  if (spec?.into !== undefined) return spec.into;
  const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return spec?.kind === 'duration' ? `${camel}Ms` : camel;
}

function readers(property: string): string[] {
  // `x.prop` not being assigned (`x.prop = …`), or destructured (`{ prop } = x`).
  const read = new RegExp(`(\\.${property}\\b(?!\\s*=[^=>])|\\{[^}]*\\b${property}\\b[^}]*\\}\\s*=)`);
  return consumerCode.filter((file) => read.test(file.text)).map((file) => file.path);
}

const plugins = [
  ...BUILDERS.map((p) => ({ kind: 'builder', plugin: p })),
  ...PROVISIONERS.map((p) => ({ kind: 'provisioner', plugin: p })),
  ...POST_PROCESSORS.map((p) => ({ kind: 'post-processor', plugin: p })),
];

describe.each(plugins.map(({ kind, plugin }) => [`${kind} ${plugin.type}`, plugin.schema] as const))(
  '%s',
  (_name, schema: ConfigSchema) => {
    it('every accepted key has a reader outside the config code, or is refused', () => {
      // Inert keys (WinRM options beside SSH) are warned about by the plugin instead; see winrm-options.ts.
      const unread = Object.keys(schema.fields)
        .filter((key) => schema.fields[key]?.inert !== true)
        .map((key) => ({ key, property: propertyOf(key, schema) }))
        .filter(({ property }) => readers(property).length === 0)
        .map(({ key, property }) => `${key} (config.${property})`);
      expect(unread, 'keys decoded but never read: implement them or move them to `unsupported`').toEqual([]);
    });

    it('refuses no key it also accepts', () => {
      const both = Object.keys(schema.unsupported ?? {}).filter((key) => key in schema.fields);
      expect(both).toEqual([]);
    });
  },
);
