// Go's fmt.Sprint, Sprintln and Sprintf over template values: fmt's doPrintf, argument indexes (%[2]d) and
// `*` widths included, with Go's in-band errors (%!d(string=x), %!s(MISSING), %!(EXTRA int=1), %!v(BADINDEX)).

import type { TemplateValue } from '../values.js';
import { describeArg, formatOne, formatV, type Spec } from './go-fmt-verbs.js';

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

/** fmt's parsenum: digits from i, at most 1e6; [value, present, next index]. */
function parseNum(format: string, i: number): [number, boolean, number] {
  let n = 0;
  let j = i;
  while (j < format.length && /\d/.test(format[j] as string)) {
    if (n > 1e6) return [0, false, format.length];
    n = n * 10 + Number(format[j]);
    j++;
  }
  return [n, j > i, j];
}

/** Sprintf's state while it reads one format: the next argument and whether any index reordered them. */
class Printf {
  out = '';
  argNum = 0;
  reordered = false;
  goodArgNum = true;

  constructor(
    private readonly format: string,
    private readonly args: readonly TemplateValue[],
  ) {}

  /** `[n]` at i: selects argument n (1-based); [next index, found]. */
  argNumber(i: number): [number, boolean] {
    if (this.format[i] !== '[') return [i, false];
    this.reordered = true;
    const close = this.format.indexOf(']', i + 1);
    if (close < 0 || this.format.length - i < 3) {
      this.goodArgNum = false;
      return [i + 1, false];
    }
    const [n, ok, end] = parseNum(this.format, i + 1);
    if (!ok || end !== close) {
      this.goodArgNum = false;
      return [close + 1, false];
    }
    if (n - 1 >= 0 && n - 1 < this.args.length) this.argNum = n - 1;
    else this.goodArgNum = false;
    return [close + 1, true];
  }

  /** An int argument for `*`: [value, is an int]. */
  intArg(): [number, boolean] {
    const value = this.args[this.argNum];
    if (this.argNum >= this.args.length) return [0, false];
    this.argNum++;
    return typeof value === 'number' && Math.abs(value) <= 1e6 ? [value, true] : [0, false];
  }
}

export function sprintf(format: string, args: readonly TemplateValue[]): string {
  const p = new Printf(format, args);
  let i = 0;
  while (i < format.length) {
    p.goodArgNum = true;
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      p.out += format.slice(i);
      break;
    }
    p.out += format.slice(i, percent);
    i = percent + 1;
    const spec: Spec = { minus: false, plus: false, space: false, zero: false, sharp: false, verb: '' };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '#') spec.sharp = true;
      else if (c === '0') spec.zero = !spec.minus;
      else if (c === '+') spec.plus = true;
      else if (c === '-') {
        spec.minus = true;
        spec.zero = false;
      } else if (c === ' ') spec.space = true;
      else break;
    }
    let afterIndex: boolean;
    [i, afterIndex] = p.argNumber(i);
    if (format[i] === '*') {
      i++;
      const [width, ok] = p.intArg();
      if (!ok) p.out += '%!(BADWIDTH)';
      else spec.width = Math.abs(width);
      if (width < 0) {
        spec.minus = true;
        spec.zero = false;
      }
      afterIndex = false;
    } else {
      const [width, present, next] = parseNum(format, i);
      i = next;
      if (present) spec.width = width;
      if (afterIndex && present) p.goodArgNum = false; // "%[3]2d"
    }
    if (i + 1 < format.length && format[i] === '.') {
      i++;
      if (afterIndex) p.goodArgNum = false; // "%[3].2d"
      [i, afterIndex] = p.argNumber(i);
      if (format[i] === '*') {
        i++;
        const [prec, ok] = p.intArg();
        // A negative precision makes no sense to Go either: no precision, and BADPREC.
        if (ok && prec >= 0) spec.precision = prec;
        else p.out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const [prec, , next] = parseNum(format, i);
        i = next;
        spec.precision = prec;
      }
    }
    if (!afterIndex) [i] = p.argNumber(i);
    if (i >= format.length) {
      p.out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) as number);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') p.out += '%';
    else if (!p.goodArgNum) p.out += `%!${verb}(BADINDEX)`;
    else if (p.argNum >= args.length) p.out += `%!${verb}(MISSING)`;
    else p.out += formatOne(args[p.argNum++] ?? null, spec);
  }
  // Go checks for unused arguments only when no index reordered them.
  if (!p.reordered && p.argNum < args.length)
    p.out += `%!(EXTRA ${args.slice(p.argNum).map(describeArg).join(', ')})`;
  return p.out;
}
