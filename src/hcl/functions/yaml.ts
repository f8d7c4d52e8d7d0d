// yamldecode and yamlencode (go-cty-yaml): decoding follows YAML 1.2's core schema (so `yes` stays a string);
// encoding writes go-cty-yaml's block style: every string double-quoted, keys sorted, sequences not indented
// under their key.

import { parseAllDocuments } from 'yaml';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, isMapping, isSequence, NULL, numberText, str } from '../eval/values.js';
import { anyValue, toStr } from './convert.js';
import { fromPlain } from './encoding.js';
import { jsonString } from './json-text.js';
import { define, type FunctionTable, text } from './spec.js';

function yamlDecode(input: string): HclValue {
  const docs = parseAllDocuments(input);
  if (!Array.isArray(docs)) return NULL;
  if (docs.length > 1)
    throw new HclFunctionError('on line 1, column 1: unexpected extra content after value');
  const [doc] = docs;
  if (doc === undefined) return NULL;
  const [error] = doc.errors;
  if (error) {
    const [pos] = error.linePos ?? [];
    throw new HclFunctionError(
      `on line ${pos?.line ?? 1}, column ${pos?.col ?? 1}: ${error.message.split('\n')[0] as string}`,
    );
  }
  return fromPlain(doc.toJS());
}

function scalar(v: HclValue): string | undefined {
  if (v.type === 'null') return 'null';
  if (v.type === 'string') return jsonString(v.value);
  if (v.type === 'number') return numberText(v.value);
  if (v.type === 'bool') return String(v.value);
  if (isSequence(v) && v.items.length === 0) return '[]';
  if (isMapping(v) && v.attrs.size === 0) return '{}';
  return undefined;
}

/** Lines for a value placed after `key:` or `- ` at `indent`. */
function block(v: HclValue, indent: string): string[] {
  if (isSequence(v))
    return v.items.flatMap((item) => {
      const s = scalar(item);
      if (s !== undefined) return [`${indent}- ${s}`];
      const [first, ...rest] = block(item, `${indent}  `);
      return [`${indent}- ${(first as string).trimStart()}`, ...rest];
    });
  if (isMapping(v))
    return [...v.attrs.keys()].sort().flatMap((key) => {
      const item = v.attrs.get(key) as HclValue;
      const s = scalar(item);
      if (s !== undefined) return [`${indent}${jsonString(key)}: ${s}`];
      return [`${indent}${jsonString(key)}:`, ...block(item, isSequence(item) ? indent : `${indent}  `)];
    });
  return [`${indent}${scalar(v) as string}`];
}

function yamlEncode(v: HclValue): string {
  const s = scalar(v);
  if (s !== undefined) return `${s}\n`;
  return `${block(v, '').join('\n')}\n`;
}

export const YAML_FUNCTIONS: FunctionTable = new Map([
  ['yamldecode', define([{ name: 'src', type: toStr }], ([x]) => yamlDecode(text(x)))],
  [
    'yamlencode',
    define([{ name: 'value', type: anyValue, allowNull: true }], ([v]) => str(yamlEncode(v as HclValue))),
  ],
]);
