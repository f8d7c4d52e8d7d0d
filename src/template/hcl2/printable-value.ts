// Packer's PrintableCtyValue: a value as `packer console` and `packer inspect` print it (hcl2shim's Go value,
// then repl.FormatResult): strings bare at the top and quoted inside, lists and maps over indented lines.

import type { HclValue } from '../../hcl/eval/index.js';

export function printableValue(value: HclValue): string {
  return format(value, false);
}

function format(value: HclValue, nested: boolean): string {
  switch (value.type) {
    case 'null':
      return 'null';
    case 'string':
      return nested ? goQuote(value.value) : value.value;
    case 'number':
      return goNumber(value.value);
    case 'bool':
      return String(value.value);
    case 'tuple':
    case 'list': {
      if (value.items.length === 0) return '[]';
      return `[\n${value.items.map((item) => `${indent(format(item, true))},\n`).join('')}]`;
    }
    case 'object':
    case 'map': {
      if (value.attrs.size === 0) return '{}';
      const keys = [...value.attrs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const lines = keys.map(
        (k) => `${indent(`${goQuote(k)} = ${format(value.attrs.get(k) as HclValue, true)}`)}\n`,
      );
      return `{\n${lines.join('')}}`;
    }
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** hcl2shim turns a whole number into a Go int, anything else into a float64 printed with %g. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  // %g with the shortest digits: exponent form below 1e-4 and from 1e6 (JavaScript's own rule differs).
  if (exp < -4 || exp >= 6)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Go's %q for the characters configuration strings hold: escapes for quotes, backslashes and controls. */
function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
