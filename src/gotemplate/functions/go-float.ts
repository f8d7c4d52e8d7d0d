// Go's strconv.FormatFloat for the verbs printf takes (e, f, g, x, b): digits come from the double's exact
// decimal value and round half to even, as Go does (JavaScript's toFixed rounds 2.5 to 3, Go prints 2).

/** A decimal 0.d × 10^dp with no trailing zeros ('' for zero), like strconv's decimal type. */
interface Digits {
  readonly d: string;
  readonly dp: number;
}

function bitsOf(value: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { mant, exp: exp - 1023 };
}

function trimZeros(d: string, dp: number): Digits {
  const t = d.replace(/0+$/, '');
  return t === '' ? { d: '', dp: 0 } : { d: t, dp };
}

/** The exact decimal expansion of a finite non-negative double. */
function exactDigits(abs: number): Digits {
  const { mant, exp } = bitsOf(abs);
  const e2 = exp - 52;
  if (mant === 0n) return { d: '', dp: 0 };
  if (e2 >= 0) {
    const d = (mant << BigInt(e2)).toString();
    return trimZeros(d, d.length);
  }
  const d = (mant * 5n ** BigInt(-e2)).toString();
  return trimZeros(d, d.length + e2);
}

/** The shortest digits that read back as the same double (Go and JavaScript agree on them). */
function shortestDigits(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const [mantissa = '0', e = '0'] = abs.toExponential().split('e');
  return trimZeros(mantissa.replace('.', ''), Number(e) + 1);
}

/** strconv's decimal.Round(nd): keep nd digits, half to even on the exact value. */
function roundTo(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const next = x.d[nd] as string;
  const halfway = next === '5' && nd + 1 === x.d.length;
  const up = halfway ? nd > 0 && Number(x.d[nd - 1]) % 2 === 1 : next >= '5';
  if (!up) return trimZeros(x.d.slice(0, nd), x.dp);
  const bumped = (BigInt(x.d.slice(0, nd) || '0') + 1n).toString();
  // 999 → 1000: one more digit before the point.
  const carry = nd === 0 ? 1 : bumped.length - nd;
  return trimZeros(bumped, x.dp + carry);
}

const digitAt = (x: Digits, i: number): string => (i >= 0 && i < x.d.length ? (x.d[i] as string) : '0');

function fmtE(x: Digits, prec: number, e: string): string {
  let out = x.d === '' ? '0' : (x.d[0] as string);
  if (prec > 0) out += `.${Array.from({ length: prec }, (_, i) => digitAt(x, i + 1)).join('')}`;
  const exp = x.d === '' ? 0 : x.dp - 1;
  return `${out}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fmtF(x: Digits, prec: number): string {
  let out = x.dp > 0 ? Array.from({ length: x.dp }, (_, i) => digitAt(x, i)).join('') : '0';
  if (prec > 0) out += `.${Array.from({ length: prec }, (_, i) => digitAt(x, x.dp + i)).join('')}`;
  return out;
}

/** FormatFloat(abs, verb, prec, 64) for e/E/f/F/g/G; prec -1 is the shortest form. */
export function formatDecimalFloat(abs: number, verb: string, prec: number): string {
  const e = verb === 'E' || verb === 'G' ? 'E' : 'e';
  const shortest = prec < 0;
  const lower = verb.toLowerCase();
  if (lower === 'f') {
    if (shortest) {
      const x = shortestDigits(abs);
      return fmtF(x, Math.max(x.d.length - x.dp, 0));
    }
    const exact = exactDigits(abs);
    return fmtF(roundTo(exact, exact.dp + prec), prec);
  }
  if (lower === 'e') {
    const x = shortest ? shortestDigits(abs) : roundTo(exactDigits(abs), prec + 1);
    return fmtE(x, shortest ? Math.max(x.d.length - 1, 0) : prec, e);
  }
  // %g: at most prec significant digits, exponent form when the exponent is < -4 or >= the precision.
  let p = shortest ? -1 : prec === 0 ? 1 : prec;
  const x = shortest ? shortestDigits(abs) : roundTo(exactDigits(abs), p);
  if (shortest) p = x.d.length;
  let eprec = p;
  if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
  if (shortest) eprec = 6;
  const exp = x.dp - 1;
  if (x.d !== '' && (exp < -4 || exp >= eprec)) return fmtE(x, Math.min(p, x.d.length) - 1, e);
  if (x.d === '') return '0';
  return fmtF(x, Math.max((p > x.dp ? x.d.length : p) - x.dp, 0));
}

/** FormatFloat(abs, 'x'|'X', prec, 64): 0x1.8p+00; prec -1 keeps every hex digit needed. */
export function formatHexFloat(abs: number, verb: 'x' | 'X', prec: number): string {
  const MASK = (1n << 64n) - 1n;
  let { mant, exp } = bitsOf(abs);
  if (mant === 0n) exp = 0;
  mant = (mant << 8n) & MASK; // leading 1 at bit 60
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & MASK;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  let out = `0${verb}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & MASK;
  const hexDigit = () => {
    const digit = ((mant >> 60n) & 15n).toString(16);
    mant = (mant << 4n) & MASK;
    return verb === 'X' ? digit.toUpperCase() : digit;
  };
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) out += hexDigit();
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += hexDigit();
  }
  const p = verb === 'X' ? 'P' : 'p';
  return `${out}${p}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** FormatFloat(abs, 'b', -1, 64): decimal mantissa, binary exponent (6755399441055744p-52). */
export function formatBinaryFloat(abs: number): string {
  const { mant, exp } = bitsOf(abs);
  const e = exp - 52;
  return `${mant}p${e >= 0 ? '+' : ''}${e}`;
}
