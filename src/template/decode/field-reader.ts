// Typed reads from a decoded config map (the decoder has already checked each value's kind).

import type { DecodedValue } from './decode-config.js';

export interface FieldReader {
  has(key: string): boolean;
  string(key: string): string | undefined;
  int(key: string): number | undefined;
  bool(key: string): boolean | undefined;
  /** Milliseconds. */
  duration(key: string): number | undefined;
  stringList(key: string): string[] | undefined;
  stringListList(key: string): string[][] | undefined;
  stringMap(key: string): Record<string, string> | undefined;
  intList(key: string): number[] | undefined;
  stringListMap(key: string): Record<string, string[]> | undefined;
}

export function readFields(values: ReadonlyMap<string, DecodedValue>): FieldReader {
  const pick = <T>(key: string, guard: (v: DecodedValue) => boolean): T | undefined => {
    const value = values.get(key);
    return value !== undefined && guard(value) ? (value as T) : undefined;
  };
  const isNumber = (v: DecodedValue): boolean => typeof v === 'number';
  const isList = (v: DecodedValue): boolean => Array.isArray(v);
  return {
    has: (key) => values.has(key),
    string: (key) => pick<string>(key, (v) => typeof v === 'string'),
    int: (key) => pick<number>(key, isNumber),
    bool: (key) => pick<boolean>(key, (v) => typeof v === 'boolean'),
    duration: (key) => pick<number>(key, isNumber),
    stringList: (key) => pick<string[]>(key, isList),
    stringListList: (key) => pick<string[][]>(key, isList),
    stringMap: (key) => pick<Record<string, string>>(key, (v) => typeof v === 'object' && !Array.isArray(v)),
    intList: (key) => pick<number[]>(key, isList),
    stringListMap: (key) =>
      pick<Record<string, string[]>>(key, (v) => typeof v === 'object' && !Array.isArray(v)),
  };
}
