// Packer's boot-command PEG (SDK bootcommand/boot_command.pigeon) hand-translated: same alternatives, same
// order, same committed choices. Works on code points, as pigeon works on runes.
import { parseGoDuration } from '../core/go-duration.js';
import { SPECIAL_KEYS } from './special-keys.js';

export type Chars = readonly string[];

/** A matched token. `problem` is set when a sub-rule's action failed (pigeon records it and matches on). */
export interface Match<T> {
  readonly end: number;
  readonly value: T;
}

export type WaitValue = { ns: bigint } | { problem: string };
export type ToggleValue = { char: string; action: 'on' | 'off' };
export type SpecialValue = { key: string; action: 'press' | 'on' | 'off' };

const MAX_INT64 = (1n << 63n) - 1n;
const TIME_UNITS = ['ns', 'us', 'µs', 'ms', 's', 'm', 'h'].map((u) => Array.from(u));

/** Wait = "<" "wait" ( Duration / Integer )? ">"  — "wait" itself is case-sensitive in Packer's grammar. */
export function matchWait(
  chars: Chars,
  pos: number,
  onProblem: (p: string, end: number) => void,
): Match<WaitValue> | undefined {
  if (!literalAt(chars, pos, Array.from('<wait'), false)) return undefined;
  const start = pos + 5;
  let end = start;
  let value: WaitValue = { ns: 1_000_000_000n };
  const durationEnd = matchDuration(chars, start, onProblem);
  if (durationEnd !== undefined) {
    end = durationEnd;
    const text = chars.slice(start, end).join('');
    const ns = parseGoDuration(text);
    // pigeon runs Duration's action (and records its error) even if the enclosing Wait then fails.
    if (ns === undefined) {
      value = { problem: `time: invalid duration "${text}"` };
      onProblem(value.problem, end);
    } else {
      value = { ns };
    }
  } else {
    const integerEnd = matchInteger(chars, start, onProblem);
    if (integerEnd !== undefined) {
      end = integerEnd;
      const ns = BigInt(chars.slice(start, end).join('')) * 1_000_000_000n;
      // Go would silently overflow here; refusing is kinder than waiting a negative or absurd time.
      value =
        ns > MAX_INT64
          ? { problem: `wait of ${chars.slice(start, end).join('')} seconds is too long` }
          : { ns };
    }
  }
  return chars[end] === '>' ? { end: end + 1, value } : undefined;
}

/** CharToggle = "<" Literal ( "on"i / "off"i ) ">" */
export function matchCharToggle(chars: Chars, pos: number): Match<ToggleValue> | undefined {
  const char = chars[pos + 1];
  if (chars[pos] !== '<' || char === undefined) return undefined;
  const toggle = matchOnOff(chars, pos + 2);
  if (!toggle || chars[toggle.end] !== '>') return undefined;
  return { end: toggle.end + 1, value: { char, action: toggle.value } };
}

/** Special = "<" SpecialKey ( "on"i / "off"i )? ">"  — the first key name that matches wins. */
export function matchSpecial(chars: Chars, pos: number): Match<SpecialValue> | undefined {
  if (chars[pos] !== '<') return undefined;
  const key = SPECIAL_KEYS.find((k) => literalAt(chars, pos + 1, Array.from(k.name), true));
  if (!key) return undefined;
  const afterName = pos + 1 + key.name.length;
  const toggle = matchOnOff(chars, afterName);
  const end = toggle?.end ?? afterName;
  if (chars[end] !== '>') return undefined;
  return { end: end + 1, value: { key: key.name, action: toggle?.value ?? 'press' } };
}

function matchOnOff(chars: Chars, pos: number): Match<'on' | 'off'> | undefined {
  if (literalAt(chars, pos, ['o', 'n'], true)) return { end: pos + 2, value: 'on' };
  if (literalAt(chars, pos, ['o', 'f', 'f'], true)) return { end: pos + 3, value: 'off' };
  return undefined;
}

/** Duration = ( Number TimeUnit )+ ; Number = '-'? Integer ( '.' Digit+ )? */
function matchDuration(
  chars: Chars,
  pos: number,
  onProblem: (p: string, end: number) => void,
): number | undefined {
  let end = pos;
  for (;;) {
    let at = chars[end] === '-' ? end + 1 : end;
    const integerEnd = matchInteger(chars, at, onProblem);
    if (integerEnd === undefined) break;
    at = integerEnd;
    if (chars[at] === '.' && isDigit(chars[at + 1])) {
      at += 2;
      while (isDigit(chars[at])) at++;
    }
    const unit = TIME_UNITS.find((u) => literalAt(chars, at, u, false));
    if (!unit) break;
    end = at + unit.length;
  }
  return end > pos ? end : undefined;
}

/** Integer = '0' / NonZeroDigit Digit* — its action (strconv.ParseInt) fails beyond int64. */
function matchInteger(
  chars: Chars,
  pos: number,
  onProblem: (p: string, end: number) => void,
): number | undefined {
  if (chars[pos] === '0') return pos + 1;
  if (!isDigit(chars[pos])) return undefined;
  let end = pos + 1;
  while (isDigit(chars[end])) end++;
  const digits = chars.slice(pos, end).join('');
  if (BigInt(digits) > MAX_INT64) onProblem(`number ${digits} is out of range`, end);
  return end;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function literalAt(chars: Chars, pos: number, word: readonly string[], ignoreCase: boolean): boolean {
  return word.every((w, i) => {
    const c = chars[pos + i];
    return c !== undefined && (ignoreCase ? c.toLowerCase() === w.toLowerCase() : c === w);
  });
}
