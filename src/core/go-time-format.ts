// Go's time.Format reference-time layouts ("2006-01-02T15:04:05Z07:00"), for UTC instants (isotime).

export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';

type Chunk = { readonly prefix: string; readonly std: Std; readonly suffix: string };
type Std = (t: Date, nanos: number) => string;

const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);
const hour12 = (t: Date): number => t.getUTCHours() % 12 || 12;
const yearDay = (t: Date): number =>
  Math.floor((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;

/** Standard chunks that are a fixed literal: the layout text maps to this formatter. */
const FIXED: ReadonlyArray<readonly [string, Std]> = [
  ['January', (t) => LONG_MONTHS[t.getUTCMonth()] as string],
  ['Jan', (t) => (LONG_MONTHS[t.getUTCMonth()] as string).slice(0, 3)],
  ['Monday', (t) => LONG_DAYS[t.getUTCDay()] as string],
  ['Mon', (t) => (LONG_DAYS[t.getUTCDay()] as string).slice(0, 3)],
  ['MST', () => 'UTC'],
  ['01', (t) => pad(t.getUTCMonth() + 1, 2)],
  ['02', (t) => pad(t.getUTCDate(), 2)],
  ['03', (t) => pad(hour12(t), 2)],
  ['04', (t) => pad(t.getUTCMinutes(), 2)],
  ['05', (t) => pad(t.getUTCSeconds(), 2)],
  ['06', (t) => pad(t.getUTCFullYear() % 100, 2)],
  ['002', (t) => pad(yearDay(t), 3)],
  ['15', (t) => pad(t.getUTCHours(), 2)],
  ['1', (t) => String(t.getUTCMonth() + 1)],
  ['2006', (t) => pad(t.getUTCFullYear(), 4)],
  ['2', (t) => String(t.getUTCDate())],
  ['_2', (t) => pad(t.getUTCDate(), 2, ' ')],
  ['__2', (t) => pad(yearDay(t), 3, ' ')],
  ['3', (t) => String(hour12(t))],
  ['4', (t) => String(t.getUTCMinutes())],
  ['5', (t) => String(t.getUTCSeconds())],
  ['PM', (t) => (t.getUTCHours() >= 12 ? 'PM' : 'AM')],
  ['pm', (t) => (t.getUTCHours() >= 12 ? 'pm' : 'am')],
  // Numeric zones always print the (zero) offset; Z-forms print "Z" for UTC.
  ['-070000', () => '+000000'],
  ['-07:00:00', () => '+00:00:00'],
  ['-0700', () => '+0000'],
  ['-07:00', () => '+00:00'],
  ['-07', () => '+00'],
  ['Z070000', () => 'Z'],
  ['Z07:00:00', () => 'Z'],
  ['Z0700', () => 'Z'],
  ['Z07:00', () => 'Z'],
  ['Z07', () => 'Z'],
];
const BY_TEXT = new Map(FIXED);

const startsWithLower = (s: string): boolean => /^[a-z]/.test(s);

/** Port of Go's nextStdChunk: finds the first layout element, scanning left to right. */
function nextChunk(layout: string): Chunk | undefined {
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    const hit = (text: string, skip = 0): Chunk => ({
      prefix: layout.slice(0, i + skip),
      std: BY_TEXT.get(text) as Std,
      suffix: layout.slice(i + skip + text.length),
    });
    const c = layout[i];
    if (c === 'J' && rest.startsWith('Jan')) {
      if (rest.startsWith('January')) return hit('January');
      if (!startsWithLower(rest.slice(3))) return hit('Jan');
    } else if (c === 'M') {
      if (rest.startsWith('Monday')) return hit('Monday');
      if (rest.startsWith('Mon') && !startsWithLower(rest.slice(3))) return hit('Mon');
      if (rest.startsWith('MST')) return hit('MST');
    } else if (c === '0') {
      if (/^0[1-6]/.test(rest)) return hit(rest.slice(0, 2));
      if (rest.startsWith('002')) return hit('002');
    } else if (c === '1') {
      return rest.startsWith('15') ? hit('15') : hit('1');
    } else if (c === '2') {
      return rest.startsWith('2006') ? hit('2006') : hit('2');
    } else if (c === '_') {
      if (rest.startsWith('_2')) return rest.startsWith('_2006') ? hit('2006', 1) : hit('_2');
      if (rest.startsWith('__2')) return hit('__2');
    } else if (c === '3' || c === '4' || c === '5') {
      return hit(c);
    } else if (c === 'P' && rest.startsWith('PM')) {
      return hit('PM');
    } else if (c === 'p' && rest.startsWith('pm')) {
      return hit('pm');
    } else if (c === '-' || c === 'Z') {
      const zone = ['070000', '07:00:00', '0700', '07:00', '07'].find((z) => rest.startsWith(`${c}${z}`));
      if (zone !== undefined) return hit(`${c}${zone}`);
    } else if ((c === '.' || c === ',') && /^[.,][09]/.test(rest)) {
      const digit = rest[1] as string;
      let j = 1;
      while (rest[j] === digit) j++;
      if (!/^\d/.test(rest.slice(j))) {
        const width = j - 1;
        const std: Std = (_t, nanos) => fraction(c, digit, width, nanos);
        return { prefix: layout.slice(0, i), std, suffix: rest.slice(j) };
      }
    }
  }
  return undefined;
}

/** `.000` prints exactly N digits; `.999` drops trailing zeros (and the separator when all are zero). */
function fraction(separator: string, digit: string, width: number, nanos: number): string {
  const digits = pad(nanos, 9).slice(0, Math.min(width, 9));
  if (digit === '0') return `${separator}${digits}`;
  const trimmed = digits.replace(/0+$/, '');
  return trimmed === '' ? '' : `${separator}${trimmed}`;
}

/** Formats a UTC instant with a Go layout; `nanos` defaults to the Date's millisecond precision. */
export function formatGoTime(
  time: Date,
  layout: string,
  nanos = (time.getTime() % 1000) * 1_000_000,
): string {
  let out = '';
  let rest = layout;
  for (;;) {
    const chunk = nextChunk(rest);
    if (chunk === undefined) return out + rest;
    out += chunk.prefix + chunk.std(time, nanos);
    rest = chunk.suffix;
  }
}
