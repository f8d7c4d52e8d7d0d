// Packer's jsonBodyToHCL2Body: a JSON object as an HCL body, keys sorted. A nested object becomes a block
// unless all its values are plain (then a map attribute); a list of objects becomes one block per element.

import { isJsonObject, type JsonObject, type JsonValue } from '../json/json-value.js';
import { byteOrder, hclString, hclValue } from './hcl-literal.js';

/** Keys Packer always writes as blocks (vsphere's and azure's nested objects). */
const ALWAYS_BLOCKS = new Set(['linux_options', 'network_interface', 'shared_image_gallery']);

export function hclBody(values: JsonObject): string {
  let out = '';
  for (const key of Object.keys(values).sort(byteOrder)) {
    const value = values[key] ?? null;
    if (isJsonObject(value)) {
      const sample = ALWAYS_BLOCKS.has(key) ? null : mostComplex(Object.values(value));
      out += isPlain(sample) ? attribute(key, value) : hclBlock(key, [], hclBody(value));
    } else if (Array.isArray(value)) {
      if (value.length === 0) continue;
      const objects = value.filter(isJsonObject);
      // Packer requires every element to be an object then; a mixed list stays an attribute here.
      if (isJsonObject(mostComplex(value)) && objects.length === value.length)
        for (const element of objects) out += hclBlock(key, [], hclBody(element));
      else out += attribute(key, value);
    } else out += attribute(key, value);
  }
  return out;
}

export function attribute(name: string, value: JsonValue): string {
  return `${name} = ${hclValue(value)}\n`;
}

export function hclBlock(type: string, labels: readonly string[], body: string): string {
  const head = [type, ...labels.map(hclString)].join(' ');
  return `${head} {\n${body}}\n`;
}

function isPlain(value: JsonValue | undefined): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Packer's "most complex element" guess: the last element that is not a plain value (null counts as one,
 * as Go's nil does), else the first plain one.
 */
function mostComplex(values: readonly JsonValue[]): JsonValue | undefined {
  let found: JsonValue | undefined;
  for (const value of values) {
    if (isPlain(value) && found !== undefined && found !== null) continue;
    found = value;
  }
  return found;
}
