// C-style strftime as Packer's `strftime` function implements it (jehiah/go-strftime over Go layouts).

import { formatGoTime } from './go-time-format.js';

const CONVERSIONS: Readonly<Record<string, string>> = {
  B: 'January',
  b: 'Jan',
  m: '01',
  A: 'Monday',
  a: 'Mon',
  d: '02',
  H: '15',
  I: '03',
  M: '04',
  S: '05',
  Y: '2006',
  y: '06',
  p: 'PM',
  Z: 'MST',
  z: '-0700',
  L: '.000',
};

/** Unknown directives are copied through (`%q` stays `%q`), as go-strftime does. */
export function formatStrftime(time: Date, format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    const directive = format[i + 1];
    if (directive === undefined) return `${out}%`;
    i++;
    const layout = CONVERSIONS[directive];
    out += directive === '%' ? '%' : layout === undefined ? `%${directive}` : formatGoTime(time, layout);
  }
  return out;
}
