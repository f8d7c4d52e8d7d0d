// JSON value types and key-path helpers shared by the parser and the config decoders.

import { abbreviate } from '../core/abbreviate.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** 1-based line and column of a key (or array element) in the template source. */
export type { SourcePosition } from '../core/source-frame.js';

/** Key path such as `builders[0].disk_size` or `http_content["/a.cfg"]`. */
export type KeyPath = string;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function childPath(parent: KeyPath, key: string | number): KeyPath {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Short description of a found value for "expected X, found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `array ${abbreviate(JSON.stringify(value))}`;
  if (typeof value === 'object') return `object ${abbreviate(JSON.stringify(value))}`;
  // Cut before quoting: JSON.stringify of a 10 MB value is itself slow.
  if (typeof value === 'string') return `string ${abbreviate(JSON.stringify(value.slice(0, 61)))}`;
  return `${typeof value} ${String(value)}`;
}
