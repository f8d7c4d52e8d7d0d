// Building blocks for builder fixers: per-type application, recorded renames, removals and type changes.

import { childPath, type JsonObject, type JsonValue, type KeyPath } from '../json/json-value.js';
import { builders, type FixChange, type Fixer, renameKey, show, typeOf } from './fix-context.js';

export type Record = (change: Omit<FixChange, 'fixer'>) => void;
export type Edit = (obj: JsonObject, path: KeyPath, record: Record) => void;

export function forTypes(
  name: string,
  synopsis: string,
  applies: (type: string) => boolean,
  edit: Edit,
): Fixer {
  return {
    name,
    synopsis,
    fix(root, record) {
      for (const { obj, path } of builders(root)) if (applies(typeOf(obj))) edit(obj, path, record);
    },
  };
}

export const is =
  (...types: string[]) =>
  (type: string): boolean =>
    types.includes(type);
export const amazon = (type: string): boolean => type.startsWith('amazon-');

export function rename(
  obj: JsonObject,
  path: KeyPath,
  from: string,
  to: string,
  value: JsonValue,
  record: Record,
): void {
  renameKey(obj, from, to, value);
  record({
    from: childPath(path, from),
    to: childPath(path, to),
    key: from,
    replacement: `'${to}': ${show(value)}`,
    deprecated: true,
  });
}

/** Records a key changed where it stands (its value rewritten or the key removed). */
export function recordInPlace(
  record: Record,
  path: KeyPath,
  key: string,
  replacement: string,
  deprecated: boolean,
): void {
  const at = childPath(path, key);
  record({ from: at, to: at, key, replacement, deprecated });
}

export function drop(obj: JsonObject, path: KeyPath, key: string, record: Record): void {
  if (!(key in obj)) return;
  delete obj[key];
  recordInPlace(record, path, key, 'nothing (the option was removed)', true);
}

export function retype(to: string): Edit {
  return (obj, path, record) => {
    obj.type = to;
    recordInPlace(record, path, 'type', `'type': ${show(to)}`, true);
  };
}

export const renameIf =
  (from: string, to: string, guard: (v: JsonValue) => boolean = () => true): Edit =>
  (obj, path, record) => {
    const value = obj[from];
    if (value !== undefined && guard(value)) rename(obj, path, from, to, value, record);
  };
