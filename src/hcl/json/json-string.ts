// A JSON string token's value, and for each of its characters the index in the file it was written at (an
// escape maps to its backslash), so a template inside the string reports places in the JSON file.

import { JSON_ESCAPES } from '../../core/json-escapes.js';

export type DecodedString = { value: string; sourceIndex: number[] } | { errorAt: number };

/** `start`/`end`: the token, quotes included. */
export function decodeJsonString(text: string, start: number, end: number): DecodedString {
  let value = '';
  const sourceIndex: number[] = [];
  const last = end - 1;
  if (end - start < 2 || text[last] !== '"') return { errorAt: end };
  for (let i = start + 1; i < last; ) {
    const c = text.charCodeAt(i);
    if (c < 0x20) return { errorAt: i };
    if (c !== 0x5c) {
      value += text[i];
      sourceIndex.push(i);
      i++;
      continue;
    }
    const selector = text[i + 1] as string;
    const simple = JSON_ESCAPES[selector];
    if (simple !== undefined) {
      value += simple;
      sourceIndex.push(i);
      i += 2;
      continue;
    }
    const hex = text.slice(i + 2, i + 6);
    if (selector !== 'u' || !/^[0-9A-Fa-f]{4}$/.test(hex)) return { errorAt: i + 1 };
    // A surrogate pair is two \u escapes: both units are kept, each at its own escape.
    value += String.fromCharCode(Number.parseInt(hex, 16));
    sourceIndex.push(i);
    i += 6;
  }
  sourceIndex.push(last);
  return { value, sourceIndex };
}
