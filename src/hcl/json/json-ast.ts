// HCL JSON syntax values as parsed (hcl's json package nodes): every property kept in order, duplicates included,
// numbers as their text, and strings with where each character came from so templates inside map into the file.

import type { SourceLocator, SourceRange } from '../source-range.js';

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBool | JsonNull;

export interface JsonObject {
  readonly kind: 'object';
  readonly properties: readonly JsonProperty[];
  readonly range: SourceRange;
  readonly openRange: SourceRange;
  readonly closeRange: SourceRange;
}

export interface JsonProperty {
  /** The name as a string node: in an object expression it is a template too. */
  readonly name: JsonString;
  readonly value: JsonNode;
}

export interface JsonArray {
  readonly kind: 'array';
  readonly items: readonly JsonNode[];
  readonly range: SourceRange;
  readonly openRange: SourceRange;
}

export interface JsonString {
  readonly kind: 'string';
  readonly value: string;
  /** Quotes included. */
  readonly range: SourceRange;
  /** Index in `value` → index in the file's text (length + 1 entries: the last is the closing quote). */
  readonly sourceIndex: readonly number[];
}

export interface JsonNumber {
  readonly kind: 'number';
  /** As written: HCL numbers are arbitrary-precision, so the text is kept. */
  readonly text: string;
  readonly range: SourceRange;
}

export interface JsonBool {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly range: SourceRange;
}

export interface JsonNull {
  readonly kind: 'null';
  readonly range: SourceRange;
}

/** hcl's StartRange: an object's or array's opening bracket, else the whole value. */
export function startRange(node: JsonNode): SourceRange {
  return node.kind === 'object' || node.kind === 'array' ? node.openRange : node.range;
}

/** A body in a `.pkr.json` file: whether a property is an argument or a block is known only from a schema. */
export interface JsonBody {
  readonly kind: 'JsonBody';
  /** An object, or an array of objects; anything else is an error when the body is read. */
  readonly value: JsonNode;
  readonly range: SourceRange;
  /** The file's locator, for templates inside its strings. */
  readonly locator: SourceLocator;
}
