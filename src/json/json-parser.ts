// Recursive-descent JSON parser that records where every key sits; duplicate keys are rejected (Packer's loader)
// or the last one wins (Go's encoding/json, which `packer fix` uses).

import { createLocator } from '../core/source-frame.js';
import { createJsonLexer, JsonSyntaxError, type JsonToken } from './json-lexer.js';
import {
  childPath,
  type JsonObject,
  type JsonValue,
  type KeyPath,
  type SourcePosition,
} from './json-value.js';

export interface JsonParseResult {
  readonly value: JsonValue;
  /** Position of each object key / array element, by key path. */
  readonly positions: ReadonlyMap<KeyPath, SourcePosition>;
}

const MAX_DEPTH = 512;

/** 'reject': Packer's template loader ("template has duplicate field"); 'last-wins': Go's encoding/json. */
export type DuplicateKeys = 'reject' | 'last-wins';

/** Parses `text`; `lenient` accepts JSON5 syntax (comments, trailing commas, quotes, identifiers). */
export function parseJsonWithPositions(
  text: string,
  lenient = false,
  duplicateKeys: DuplicateKeys = 'reject',
): JsonParseResult {
  const next = createJsonLexer(text, lenient);
  const positions = new Map<KeyPath, SourcePosition>();
  const locate = createLocator(text);
  let token: JsonToken = next();
  const advance = (): JsonToken => {
    const current = token;
    token = next();
    return current;
  };
  const isPunct = (c: string): boolean => token.kind === 'punct' && token.value === c;
  const expectPunct = (c: string, context: string): void => {
    if (!isPunct(c)) throw unexpected(token, context);
    advance();
  };
  const record = (path: KeyPath, offset: number): void => {
    positions.set(path, locate(offset));
  };

  const parseValue = (path: KeyPath, depth: number): JsonValue => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('exceeded max depth', token.start);
    if (isPunct('{')) return parseObject(path, depth);
    if (isPunct('[')) return parseArray(path, depth);
    const t = advance();
    if (t.kind === 'string' || t.kind === 'number' || t.kind === 'literal') return t.value;
    throw unexpected(t, 'looking for beginning of value');
  };

  const parseObject = (path: KeyPath, depth: number): JsonObject => {
    advance();
    const out: JsonObject = {};
    const seen = new Set<string>();
    while (!isPunct('}')) {
      const key = token;
      if (key.kind !== 'string' && !(lenient && (key.kind === 'ident' || key.kind === 'literal'))) {
        throw unexpected(key, 'looking for beginning of object key string');
      }
      const name = key.kind === 'literal' ? String(key.value) : String(key.value);
      if (seen.has(name) && duplicateKeys === 'reject')
        throw new JsonSyntaxError(`template has duplicate field: ${name}`, key.start);
      seen.add(name);
      advance();
      expectPunct(':', 'after object key');
      const keyPath = childPath(path, name);
      record(keyPath, key.start);
      Object.defineProperty(out, name, {
        value: parseValue(keyPath, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (isPunct(',')) {
        advance();
        if (!lenient && isPunct('}')) throw unexpected(token, 'looking for beginning of object key string');
      } else if (!isPunct('}')) throw unexpected(token, 'after object key:value pair');
    }
    advance();
    return out;
  };

  const parseArray = (path: KeyPath, depth: number): JsonValue[] => {
    advance();
    const out: JsonValue[] = [];
    while (!isPunct(']')) {
      const elementPath = childPath(path, out.length);
      record(elementPath, token.start);
      out.push(parseValue(elementPath, depth + 1));
      if (isPunct(',')) {
        advance();
        if (!lenient && isPunct(']')) throw unexpected(token, 'looking for beginning of value');
      } else if (!isPunct(']')) throw unexpected(token, 'after array element');
    }
    advance();
    return out;
  };

  const value = parseValue('', 0);
  if (token.kind !== 'eof') throw unexpected(token, 'after top-level value');
  return { value, positions };
}

function unexpected(token: JsonToken, context: string): JsonSyntaxError {
  if (token.kind === 'eof') return new JsonSyntaxError('unexpected end of JSON input', token.start);
  const shown = token.kind === 'string' ? 'string' : JSON.stringify(String(token.value));
  return new JsonSyntaxError(`invalid character ${shown} ${context}`, token.start);
}
