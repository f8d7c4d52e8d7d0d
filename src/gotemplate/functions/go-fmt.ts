// Go's fmt.Sprint, Sprintln and Sprintf over template values (the verbs and flags templates use).

import { GoFloat, goTypeName, isRecord, printValue, type TemplateValue } from '../values.js';

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(args: readonly TemplateValue[]): string {
  let out = '';
  for (const [i, arg] of args.entries()) {
    const previous = args[i - 1];
    if (i > 0 && typeof arg !== 'string' && typeof previous !== 'string') out += ' ';
    out += formatV(arg);
  }
  return out;
}

export function sprintln(args: readonly TemplateValue[]): string {
  return `${args.map(formatV).join(' ')}\n`;
}

function formatV(value: TemplateValue): string {
  return value === null ? '<nil>' : printValue(value);
}

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  zero: boolean;
  sharp: boolean;
  width: number | undefined;
  precision: number | undefined;
  verb: string;
}

const SPEC = /%([-+# 0]*)(\d+)?(?:\.(\d*))?(.?)/y;

/** fmt.Sprintf, with Go's in-band errors: %!d(string=x), %!s(MISSING), %!(EXTRA int=1). */
export function sprintf(format: string, args: readonly TemplateValue[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < format.length) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    SPEC.lastIndex = percent;
    const m = SPEC.exec(format) as RegExpExecArray;
    i = SPEC.lastIndex;
    const flags = m[1] ?? '';
    const verb = m[4] ?? '';
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (verb === '') {
      out += '%!(NOVERB)';
      continue;
    }
    const spec: Spec = {
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      space: flags.includes(' '),
      zero: flags.includes('0') && !flags.includes('-'),
      sharp: flags.includes('#'),
      width: m[2] === undefined ? undefined : Number(m[2]),
      precision: m[3] === undefined ? undefined : Number(m[3] || 0),
      verb,
    };
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(args[next++] ?? null, spec);
  }
  if (next < args.length) {
    const extra = args.slice(next).map((a) => (a === null ? '<nil>' : `${goTypeName(a)}=${formatV(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function formatOne(value: TemplateValue, spec: Spec): string {
  const body = formatBody(value, spec);
  if (body === undefined) {
    const shown = value === null ? '<nil>' : `${goTypeName(value)}=${formatV(value)}`;
    return `%!${spec.verb}(${shown})`;
  }
  return pad(body, spec, typeof value === 'number' || value instanceof GoFloat);
}

function formatBody(value: TemplateValue, spec: Spec): string | undefined {
  const { verb } = spec;
  if (verb === 'T') return value === null ? '<nil>' : goTypeName(value);
  if (value === null) return verb === 'v' ? '<nil>' : undefined;
  if (typeof value === 'boolean') return verb === 'v' || verb === 't' ? String(value) : undefined;
  if (typeof value === 'string') return formatString(value, spec);
  if (typeof value === 'number') return formatInt(value, spec);
  if (value instanceof GoFloat) return formatFloat(value.value, spec);
  if (isRecord(value) && verb === 'v') return printValue(value);
  return undefined;
}

function formatString(value: string, spec: Spec): string | undefined {
  const text = spec.precision === undefined ? value : [...value].slice(0, spec.precision).join('');
  switch (spec.verb) {
    case 'v':
    case 's':
      return text;
    case 'q':
      return goQuote(text);
    case 'x':
    case 'X': {
      const hex = Buffer.from(text, 'utf8').toString('hex');
      return spec.verb === 'X' ? hex.toUpperCase() : hex;
    }
    default:
      return undefined;
  }
}

function formatInt(value: number, spec: Spec): string | undefined {
  const sign = value < 0 ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const abs = Math.abs(value);
  const digits = (radix: number, prefix: string) => {
    let text = abs.toString(radix);
    if (spec.precision !== undefined) text = text.padStart(spec.precision, '0');
    return sign + (spec.sharp ? prefix : '') + text;
  };
  switch (spec.verb) {
    case 'v':
    case 'd':
      return digits(10, '');
    case 'b':
      return digits(2, '');
    case 'o':
      return digits(8, '0');
    case 'x':
      return digits(16, '0x');
    case 'X':
      return digits(16, '0X').toUpperCase();
    case 'c':
      return String.fromCodePoint(value);
    case 'q':
      return `'${goQuote(String.fromCodePoint(value)).slice(1, -1).replace(/\\"/g, '"')}'`;
    case 'U':
      return `U+${abs.toString(16).toUpperCase().padStart(4, '0')}`;
    default:
      return undefined;
  }
}

function formatFloat(value: number, spec: Spec): string | undefined {
  const sign = value < 0 || Object.is(value, -0) ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const abs = Math.abs(value);
  const exp = (text: string) => text.replace(/e([+-])(\d)$/, 'e$10$2');
  switch (spec.verb) {
    case 'v':
    case 'g':
    case 'G': {
      const text =
        spec.precision === undefined ? printValue(new GoFloat(abs)) : gPrecision(abs, spec.precision);
      return sign + (spec.verb === 'G' ? text.toUpperCase() : text);
    }
    case 'f':
    case 'F':
      return sign + abs.toFixed(spec.precision ?? 6);
    case 'e':
    case 'E': {
      const text = exp(abs.toExponential(spec.precision ?? 6));
      return sign + (spec.verb === 'E' ? text.toUpperCase() : text);
    }
    default:
      return undefined;
  }
}

/** %.Ng: N significant digits, exponent form when the exponent is < -4 or >= N; trailing zeros dropped. */
function gPrecision(abs: number, precision: number): string {
  const digits = Math.max(precision, 1);
  const exponent = abs === 0 ? 0 : Math.floor(Math.log10(Number(abs.toPrecision(digits))));
  if (exponent < -4 || exponent >= digits) {
    const [mantissa = '0', e = '0'] = abs.toExponential(digits - 1).split('e');
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const n = Number(e);
    return `${trimmed}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const fixed = abs.toFixed(Math.max(0, digits - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function pad(body: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const length = [...body].length;
  if (length >= width) return body;
  const fill = width - length;
  if (spec.minus) return body + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[-+ ]/.test(body) ? (body[0] as string) : '';
    return sign + '0'.repeat(fill) + body.slice(sign.length);
  }
  return (spec.zero ? '0' : ' ').repeat(fill) + body;
}

/** strconv.Quote: Go escapes, non-printable characters as \x, \u or \U. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const simple: Record<string, string> = {
      '\x07': '\\a',
      '\b': '\\b',
      '\f': '\\f',
      '\n': '\\n',
      '\r': '\\r',
      '\t': '\\t',
      '\v': '\\v',
      '\\': '\\\\',
      '"': '\\"',
    };
    const escaped = simple[ch];
    if (escaped !== undefined) out += escaped;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
