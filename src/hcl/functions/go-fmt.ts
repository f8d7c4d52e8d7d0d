// Go's fmt for the numeric verbs cty's format passes through (%b %d %o %x %X on big.Int, %e %E %f %g %G on
// big.Float): sign flags, `#` prefixes, width with space or zero padding.

export interface Verb {
  readonly raw: string;
  readonly offset: number;
  readonly mode: string;
  readonly argNum: number;
  readonly sharp: boolean;
  readonly zero: boolean;
  readonly minus: boolean;
  readonly plus: boolean;
  readonly space: boolean;
  /** -1 when absent. */
  readonly width: number;
  readonly prec: number;
}

const RADIX: Record<string, number> = { b: 2, d: 10, o: 8, x: 16, X: 16 };
const PREFIX: Record<string, string> = { b: '0b', o: '0', x: '0x', X: '0X' };

export function goInteger(verb: Verb, n: number): string {
  let digits = BigInt(n < 0 ? -n : n).toString(RADIX[verb.mode] ?? 10);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  if (verb.prec >= 0) digits = verb.prec === 0 && n === 0 ? '' : digits.padStart(verb.prec, '0');
  const prefix = verb.sharp ? (PREFIX[verb.mode] ?? '') : '';
  return signAndPad(verb, n < 0, prefix + digits, verb.prec < 0);
}

export function goFloat(verb: Verb, n: number): string {
  const upper = verb.mode === 'E' || verb.mode === 'G';
  let body: string;
  if (!Number.isFinite(n)) body = Number.isNaN(n) ? 'NaN' : 'Inf';
  else if (verb.mode === 'f') body = Math.abs(n).toFixed(verb.prec < 0 ? 6 : verb.prec);
  else if (verb.mode === 'e' || verb.mode === 'E')
    body = goExp(Math.abs(n).toExponential(verb.prec < 0 ? 6 : verb.prec));
  else body = goG(Math.abs(n), verb.prec, verb.sharp);
  if (upper) body = body.toUpperCase();
  return signAndPad(verb, n < 0 || Object.is(n, -0), body, Number.isFinite(n));
}

/** %g: shortest digits (or `prec` significant ones); exponent form when the exponent is < -4 or ≥ the precision
 * (6 for shortest, as strconv's and big.Float's 'g'). */
export function goG(n: number, prec: number, sharp: boolean): string {
  if (n === 0) return '0';
  const shortest = prec < 0;
  const [mant, e] = (shortest ? n.toExponential() : n.toExponential(Math.max(prec, 1) - 1)).split('e') as [
    string,
    string,
  ];
  const exp = Number(e);
  const significant = mant.replace('.', '').replace('-', '').length;
  if (exp < -4 || exp >= (shortest ? 6 : Math.max(prec, 1)))
    return goExp(`${sharp ? mant : mant.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}e${e}`);
  const fixed = n.toFixed(Math.max(0, significant - 1 - exp));
  return sharp || !fixed.includes('.') ? fixed : fixed.replace(/\.?0+$/, '');
}

/** JS's `1e+3` → Go's `1e+03`. */
function goExp(s: string): string {
  return s.replace(/e([-+])(\d)$/, 'e$10$2');
}

function signAndPad(verb: Verb, negative: boolean, body: string, zeroPad: boolean): string {
  const sign = negative ? '-' : verb.plus ? '+' : verb.space ? ' ' : '';
  const len = sign.length + body.length;
  if (verb.width <= len) return sign + body;
  const fill = verb.width - len;
  if (verb.minus) return sign + body + ' '.repeat(fill);
  if (verb.zero && zeroPad) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}
