import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHcl } from '../../src/hcl/format.js';
import { lexHcl } from '../../src/hcl/lexer.js';

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

describe('lexHcl keeps the whole text', () => {
  it('tokens and the spaces between them give back every fixture byte for byte', () => {
    const dir = new URL('../fixtures/hcl2/', import.meta.url).pathname;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hcl'));
    expect(files.length).toBeGreaterThan(60);
    for (const name of files) {
      const text = readFileSync(join(dir, name), 'utf8');
      let rebuilt = '';
      let last = 0;
      for (const token of lexHcl(text)) {
        expect(text.slice(last, token.start)).toMatch(/^[ \t]*$/);
        rebuilt += text.slice(last, token.start) + token.text;
        last = token.end;
      }
      expect(rebuilt).toBe(text);
    }
  });
});
