// Shared types and helpers for template fixers: ordered key renames and walks over builders/plugins.

import {
  childPath,
  isJsonObject,
  type JsonObject,
  type JsonValue,
  type KeyPath,
} from '../json/json-value.js';

/** One rewrite a fixer made; `from` is the old key path, `to` the new one (same when only the value changed). */
export interface FixChange {
  readonly fixer: string;
  readonly from: KeyPath;
  readonly to: KeyPath;
  /** The deprecated key as written, e.g. `iso_checksum_type`. */
  readonly key: string;
  /** What replaced it, e.g. `'iso_checksum': "sha256:…"`. */
  readonly replacement: string;
  /** False for rewrites Packer 1.6.6 accepts either way (a number disk_size): no warning. */
  readonly deprecated: boolean;
}

export interface Fixer {
  readonly name: string;
  readonly synopsis: string;
  /** Mutates `root` in place (a private copy) and records each change. */
  readonly fix: (root: JsonObject, record: (change: Omit<FixChange, 'fixer'>) => void) => void;
}

/** Sets `to` where `from` sits (keeping key order); deletes `from`. When `to` already exists it is replaced in place. */
export function renameKey(obj: JsonObject, from: string, to: string, value: JsonValue): void {
  if (!(from in obj)) {
    obj[to] = value;
    return;
  }
  if (to in obj && to !== from) {
    obj[to] = value;
    delete obj[from];
    return;
  }
  const entries = Object.entries(obj).map(([k, v]): [string, JsonValue] =>
    k === from ? [to, value] : [k, v],
  );
  for (const key of Object.keys(obj)) delete obj[key];
  for (const [k, v] of entries) obj[k] = v;
}

export interface Located {
  readonly obj: JsonObject;
  readonly path: KeyPath;
}

export function builders(root: JsonObject): Located[] {
  const list = root.builders;
  if (!Array.isArray(list)) return [];
  return list.flatMap((b, i) => (isJsonObject(b) ? [{ obj: b, path: childPath('builders', i) }] : []));
}

export function provisioners(root: JsonObject): Located[] {
  const list = root.provisioners;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p, i) => (isJsonObject(p) ? [{ obj: p, path: childPath('provisioners', i) }] : []));
}

/** Post-processor objects in every form Packer accepts (string, object, array of either). */
export function postProcessors(root: JsonObject): Located[] {
  const list = root['post-processors'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, i): Located[] => {
    const path = childPath('post-processors', i);
    if (isJsonObject(entry)) return [{ obj: entry, path }];
    if (!Array.isArray(entry)) return [];
    return entry.flatMap((inner, j) =>
      isJsonObject(inner) ? [{ obj: inner, path: childPath(path, j) }] : [],
    );
  });
}

export function typeOf(obj: JsonObject): string {
  return typeof obj.type === 'string' ? obj.type : '';
}

export const show = (value: JsonValue): string => JSON.stringify(value);
