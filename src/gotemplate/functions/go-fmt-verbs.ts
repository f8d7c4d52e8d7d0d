// One printf verb applied to one template value, as Go's fmt does it (printArg and fmt's fmtInteger, fmtFloat,
// fmtS, fmtQ, fmtSbx, pad), flags included: `%#v` quotes, `% x` spaces bytes, `%+q` is ASCII, `%#g` keeps zeros.

import { GoFloat, goTypeName, isRecord, printValue, type TemplateValue } from '../values.js';
import { formatBinaryFloat, formatDecimalFloat, formatHexFloat } from './go-float.js';
import { goQuote } from './go-quote.js';

export interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  width?: number;
  precision?: number;
  verb: string;
}

export function formatV(value: TemplateValue): string {
  return value === null ? '<nil>' : printValue(value);
}

/** `type=value` as Go names a bad or extra argument. */
export function describeArg(value: TemplateValue): string {
  return value === null ? '<nil>' : `${goTypeName(value)}=${formatV(value)}`;
}

export function formatOne(value: TemplateValue, given: Spec): string {
  // %v: `#` asks for Go syntax and `+` for field names; neither is the sign or alternate-form flag then.
  const sharpV = given.verb === 'v' && given.sharp;
  const spec = given.verb === 'v' ? { ...given, sharp: false, plus: false } : given;
  const body = formatBody(value, spec, sharpV);
  if (body === undefined) return `%!${spec.verb}(${describeArg(value)})`;
  return body;
}

function formatBody(value: TemplateValue, spec: Spec, sharpV: boolean): string | undefined {
  const { verb } = spec;
  if (verb === 'T') return pad(value === null ? '<nil>' : goTypeName(value), spec);
  if (value === null) return verb === 'v' ? pad('<nil>', spec) : undefined;
  if (typeof value === 'boolean') return verb === 'v' || verb === 't' ? pad(String(value), spec) : undefined;
  if (typeof value === 'string') return formatString(value, spec, sharpV);
  if (typeof value === 'number') return formatInt(value, spec);
  if (value instanceof GoFloat) return formatFloat(value.value, spec);
  if (isRecord(value) && verb === 'v') return pad(printValue(value), spec);
  return undefined;
}

function formatString(value: string, spec: Spec, sharpV: boolean): string | undefined {
  const truncated = spec.precision === undefined ? value : [...value].slice(0, spec.precision).join('');
  switch (spec.verb) {
    case 'v':
      return pad(sharpV ? goQuote(truncated) : truncated, spec);
    case 's':
      return pad(truncated, spec);
    case 'q':
      if (spec.sharp && canBackquote(truncated)) return pad(`\`${truncated}\``, spec);
      return pad(goQuote(truncated, spec.plus), spec);
    case 'x':
    case 'X':
      return pad(hexBytes(value, spec), spec);
    default:
      return undefined;
  }
}

/** fmtSbx: precision counts bytes; `#` adds 0x, a space separates the bytes (each with 0x when both). */
function hexBytes(value: string, spec: Spec): string {
  let bytes = [...Buffer.from(value, 'utf8')];
  if (spec.precision !== undefined) bytes = bytes.slice(0, spec.precision);
  const prefix = spec.verb === 'X' ? '0X' : '0x';
  const hex = bytes.map((b) => {
    const digits = b.toString(16).padStart(2, '0');
    return spec.verb === 'X' ? digits.toUpperCase() : digits;
  });
  if (spec.space) return hex.map((h) => (spec.sharp ? prefix + h : h)).join(' ');
  return hex.length > 0 && spec.sharp ? prefix + hex.join('') : hex.join('');
}

/** strconv.CanBackquote: no control characters but tab, no backquote, no U+FEFF. */
function canBackquote(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 && ch !== '\t') || code === 0x7f || ch === '`' || code === 0xfeff) return false;
  }
  return true;
}

function formatInt(value: number, spec: Spec): string | undefined {
  const radix: Record<string, [number, string]> = {
    v: [10, ''],
    d: [10, ''],
    b: [2, '0b'],
    o: [8, '0'],
    O: [8, '0o'],
    x: [16, '0x'],
    X: [16, '0X'],
  };
  const base = radix[spec.verb];
  if (base === undefined) return formatRune(value, spec);
  const negative = value < 0;
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  // A zero flag pads with zeros up to the width, counted as a precision (Go's fmtInteger); a precision wins.
  let precision = spec.precision;
  if (precision === undefined && spec.zero && spec.width !== undefined && !spec.minus)
    precision = spec.width - (sign === '' ? 0 : 1);
  if (precision === 0 && value === 0) return pad('', { ...spec, zero: false });
  let digits = Math.abs(value).toString(base[0]);
  if (spec.verb === 'X') digits = digits.toUpperCase();
  if (precision !== undefined) digits = digits.padStart(precision, '0');
  let prefix = '';
  if (spec.verb === 'O') prefix = '0o';
  else if (spec.sharp && spec.verb === 'o') prefix = digits.startsWith('0') ? '' : '0';
  else if (spec.sharp) prefix = base[1];
  return pad(sign + prefix + digits, { ...spec, zero: false });
}

function formatRune(value: number, spec: Spec): string | undefined {
  const valid = value >= 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
  const char = valid ? String.fromCodePoint(value) : '\ufffd';
  const quoted = () => `'${goQuote(char, spec.plus).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
  switch (spec.verb) {
    case 'c':
      return pad(char, spec);
    case 'q':
      return pad(quoted(), spec);
    case 'U': {
      // Go formats the rune as a uint64: -1 is U+FFFFFFFFFFFFFFFF.
      const hex = (BigInt(value) & 0xffffffffffffffffn).toString(16).toUpperCase();
      const code = `U+${hex.padStart(Math.max(spec.precision ?? 4, 4), '0')}`;
      const printable = valid && /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char);
      return pad(spec.sharp && printable ? `${code} '${char}'` : code, spec);
    }
    default:
      return undefined;
  }
}

function formatFloat(value: number, spec: Spec): string | undefined {
  const verb = spec.verb === 'v' ? 'g' : spec.verb;
  if (!'bgGxXeEfF'.includes(verb) || verb.length !== 1) return undefined;
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  let num: string;
  if (!Number.isFinite(value)) num = Number.isNaN(value) ? 'NaN' : 'Inf';
  else if (verb === 'b') num = formatBinaryFloat(abs);
  else if (verb === 'x' || verb === 'X') num = formatHexFloat(abs, verb, spec.precision ?? -1);
  else num = formatDecimalFloat(abs, verb, spec.precision ?? ('eEfF'.includes(verb) ? 6 : -1));
  if (spec.sharp && verb !== 'b' && Number.isFinite(value)) num = keepPoint(num, verb, spec.precision);
  const sign = negative && !Number.isNaN(value) ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const width = spec.width ?? 0;
  const length = sign.length + [...num].length;
  // Zero padding goes between the sign and the digits; never for Inf or NaN.
  if (spec.zero && !spec.minus && Number.isFinite(value) && width > length)
    return sign + '0'.repeat(width - length) + num;
  return pad(sign + num, { ...spec, zero: false });
}

/** `#` on a float: always a decimal point, and %g/%x keep trailing zeros up to the precision (default 6). */
function keepPoint(num: string, verb: string, precision: number | undefined): string {
  // As Go: %X gets no extra digits, and in a hex float the 'x' itself counts as a digit.
  let digits = 'gGx'.includes(verb) ? (precision ?? 6) : 0;
  const cut = num.search(verb === 'x' || verb === 'X' ? /[pP]/ : /[eEpP]/);
  let head = cut < 0 ? num : num.slice(0, cut);
  const tail = cut < 0 ? '' : num.slice(cut);
  let seenNonZero = false;
  for (const c of head.replace('.', '')) {
    if (c !== '0') seenNonZero = true;
    if (seenNonZero) digits--;
  }
  if (!head.includes('.')) {
    if (head === '0') digits--;
    head += '.';
  }
  return head + '0'.repeat(Math.max(digits, 0)) + tail;
}

/** fmt.pad: width in runes; `-` pads on the right; the zero flag pads with zeros (strings too, as in Go). */
function pad(body: string, spec: Spec): string {
  const fill = (spec.width ?? 0) - [...body].length;
  if (fill <= 0) return body;
  if (spec.minus) return body + ' '.repeat(fill);
  return (spec.zero ? '0' : ' ').repeat(fill) + body;
}
