// cty counts and slices strings in grapheme clusters (textseg), not UTF-16 units: `é` written as e + accent is one.

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemes(s: string): string[] {
  return [...SEGMENTER.segment(s.normalize('NFC'))].map((g) => g.segment);
}

/** gocty's conversion of a number to a Go int, with its message. */
export function wholeNumber(n: number): number {
  if (!Number.isInteger(n))
    throw new Error('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
  return n;
}
