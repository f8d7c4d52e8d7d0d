import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatHcl } from '../../src/hcl/format.js';

// The input/output pairs of hclwrite's TestFormat (hashicorp/hcl, MPL-2.0; see the fixture's NOTICE).
const CASES: { input: string; want: string }[] = JSON.parse(
  readFileSync(new URL('../fixtures/hcl2/hclwrite-format/format-cases.json', import.meta.url), 'utf8'),
);

describe('formatHcl: hclwrite format_test.go cases', () => {
  it('has all of them', () => expect(CASES.length).toBe(61));
  it.each(CASES.map((c, i) => [String(i).padStart(2, '0'), c.input, c.want]))('%s', (_n, input, want) => {
    expect(formatHcl(input)).toBe(want);
  });
});
