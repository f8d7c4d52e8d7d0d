// cty's format verbs (format.go, format_fsm.rl): `%[flags][width][.prec][[argnum]]verb` with Go's fmt rendering
// for numbers, JSON for %#v and %q, widths counted in grapheme clusters, and cty's error texts.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, numberText } from '../eval/values.js';
import { toBoolean, toNum, toStr } from './convert.js';
import { goFloat, goG, goInteger, type Verb } from './go-fmt.js';
import { graphemes } from './graphemes.js';
import { jsonText } from './json-text.js';

const VERB = /^%([-+# 0]*)([1-9][0-9]*)?(\.[0-9]*)?(\[[1-9][0-9]*\])?([A-Za-z])/;

/** Renders `format` with `args`; errors carry the argument index relative to the whole call (format is 0). */
export function formatValues(format: string, args: readonly HclValue[]): string {
  let out = '';
  let nextArg = 1;
  let highest = 0;
  for (let p = 0; p < format.length; ) {
    const ch = format[p] as string;
    if (ch !== '%') {
      out += ch;
      p++;
      continue;
    }
    if (format[p + 1] === '%') {
      out += '%';
      p += 2;
      continue;
    }
    const m = VERB.exec(format.slice(p));
    if (!m) {
      if (p + 1 >= format.length) throw new HclFunctionError(`invalid format string starting at offset ${p}`);
      throw new HclFunctionError(
        `unrecognized format character ${goQuoteRune(unrecognized(format, p))} at offset ${p + offendingOffset(format, p)}`,
      );
    }
    const [raw, flags = '', width, prec, index, mode = ''] = m;
    const verb: Verb = {
      raw,
      offset: p,
      mode,
      argNum: index ? Number(index.slice(1, -1)) : nextArg,
      sharp: flags.includes('#'),
      zero: flags.includes('0'),
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      space: flags.includes(' '),
      width: width ? Number(width) : -1,
      prec: prec ? Number(prec.slice(1) || '0') : -1,
    };
    highest = Math.max(highest, verb.argNum);
    out += formatOne(verb, args);
    nextArg = verb.argNum + 1;
    p += raw.length;
  }
  if (highest < args.length) {
    if (highest === 0) throw new HclFunctionError('too many arguments; no verbs in format string', 1);
    throw new HclFunctionError(`too many arguments; only ${highest} used by format string`, highest + 1);
  }
  return out;
}

function formatOne(verb: Verb, args: readonly HclValue[]): string {
  const arg = args[verb.argNum - 1];
  const bad = (why: string) =>
    new HclFunctionError(`unsupported value for "${verb.raw}" at ${verb.offset}: ${why}`);
  if (arg === undefined)
    throw new HclFunctionError(
      `not enough arguments for "${verb.raw}" at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
    );
  if (verb.mode !== 'v' && arg.type === 'null')
    throw new HclFunctionError(
      `unsupported value for "${verb.raw}" at ${verb.offset}: null value cannot be formatted`,
    );
  const convert = (f: (v: HclValue) => HclValue): HclValue => {
    try {
      return f(arg);
    } catch (error) {
      throw bad((error as Error).message);
    }
  };
  switch (verb.mode) {
    case 'v':
      if (!verb.sharp && arg.type === 'string') return pad(verb, arg.value);
      if (!verb.sharp && arg.type === 'number') return pad(verb, goShortest(arg.value));
      return pad(verb, jsonText(arg));
    case 't':
      return String((convert(toBoolean) as { value: boolean }).value);
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X': {
      const n = (convert(toNum) as { value: number }).value;
      if (!Number.isInteger(n)) throw bad('an integer is required');
      return goInteger(verb, n);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return goFloat(verb, (convert(toNum) as { value: number }).value);
    case 's':
    case 'q': {
      let s = (convert(toStr) as { value: string }).value;
      if (verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join('');
      return pad(verb, verb.mode === 'q' ? JSON.stringify(s) : s);
    }
    default:
      throw new HclFunctionError(
        `unsupported format verb '${verb.mode}' in "${verb.raw}" at offset ${verb.offset}`,
      );
  }
}

function pad(verb: Verb, s: string): string {
  const len = graphemes(s).length;
  if (verb.width < 0 || len >= verb.width) return s;
  const pads = (verb.zero ? '0' : ' ').repeat(verb.width - len);
  return verb.minus ? s + pads : pads + s;
}

/** big.Float's Text('g', -1), as %v prints a number. */
function goShortest(n: number): string {
  if (!Number.isFinite(n)) return numberText(n);
  return (n < 0 ? '-' : '') + goG(Math.abs(n), -1, false);
}

function offendingOffset(format: string, p: number): number {
  const m = /^%[-+# 0]*([1-9][0-9]*)?(\.[0-9]*)?(\[([1-9][0-9]*)?)?/.exec(format.slice(p));
  return m ? m[0].length : 1;
}

function unrecognized(format: string, p: number): string {
  return [...format.slice(p + offendingOffset(format, p))][0] ?? '';
}

function goQuoteRune(r: string): string {
  return `'${r === "'" ? "\\'" : r}'`;
}
