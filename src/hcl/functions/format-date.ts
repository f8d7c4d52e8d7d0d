// cty's formatdate: Terraform's date format spec (YYYY, MM, DD, EEEE, hh, HH, AA, mm, ss, ZZZZZ…, 'literal'
// text), with cty's error texts. The timestamp is shown in the offset it was written with.

import { LONG_DAYS as DAYS, LONG_MONTHS as MONTHS } from '../../core/go-time-format.js';
import { HclFunctionError } from '../eval/function-error.js';
import { offsetText, type Timestamp, wallClock } from './rfc3339.js';

/** splitDateFormat's tokens: a quoted literal, a run of one letter, or other text. */
const TOKEN = /'(?:[^']|'')*'?|([A-Za-z])\1*|[^A-Za-z']+/gy;

export function formatDate(spec: string, t: Timestamp): string {
  const wall = wallClock(t);
  let out = '';
  for (const [tok] of spec.matchAll(TOKEN)) {
    if (tok.startsWith("'")) {
      if (tok.length === 1 || !tok.endsWith("'")) throw new HclFunctionError("unterminated literal '", 0);
      out += tok === "''" ? "'" : tok.slice(1, -1).replaceAll("''", "'");
    } else if (/^[A-Za-z]/.test(tok)) out += verb(tok, wall, t.offsetSeconds);
    else out += tok;
  }
  return out;
}

function verb(tok: string, wall: Date, offset: number): string {
  const n = tok.length;
  const bad = (why?: string): never => {
    throw new HclFunctionError(`invalid date format verb ${JSON.stringify(tok)}${why ? `: ${why}` : ''}`, 0);
  };
  const num = (value: number, why: string) =>
    n === 1 ? String(value) : n === 2 ? String(value).padStart(2, '0') : bad(why);
  const hour = wall.getUTCHours();
  switch (tok[0]) {
    case 'Y': {
      const y = wall.getUTCFullYear();
      if (n === 2) return String(y % 100).padStart(2, '0');
      return n === 4 ? String(y).padStart(4, '0') : bad('year must either be "YY" or "YYYY"');
    }
    case 'M': {
      const m = wall.getUTCMonth();
      if (n === 3 || n === 4) return n === 3 ? (MONTHS[m] as string).slice(0, 3) : (MONTHS[m] as string);
      return num(m + 1, 'month must be "M", "MM", "MMM", or "MMMM"');
    }
    case 'D':
      return num(wall.getUTCDate(), 'day of month must either be "D" or "DD"');
    case 'E': {
      const d = DAYS[wall.getUTCDay()] as string;
      return n === 3 ? d.slice(0, 3) : n === 4 ? d : bad('day of week must either be "EEE" or "EEEE"');
    }
    case 'h':
      return num(hour, '24-hour must either be "h" or "hh"');
    case 'H':
      return num(hour % 12 === 0 ? 12 : hour % 12, '12-hour must either be "H" or "HH"');
    case 'A':
    case 'a': {
      if (n !== 2) bad(`must be "${tok[0]}${tok[0]}"`);
      const text = hour < 12 ? 'AM' : 'PM';
      return tok[0] === 'A' ? text : text.toLowerCase();
    }
    case 'm':
      return num(wall.getUTCMinutes(), 'minute must either be "m" or "mm"');
    case 's':
      return num(wall.getUTCSeconds(), 'second must either be "s" or "ss"');
    case 'Z':
      if (n === 1) return offsetText(offset, ':', 'Z');
      if (n === 3) return offset === 0 ? 'UTC' : offsetText(offset, '');
      if (n === 4 || n === 5) return offsetText(offset, n === 5 ? ':' : '');
      return bad('timezone must be Z, ZZZZ, or ZZZZZ');
    default:
      return bad();
  }
}
