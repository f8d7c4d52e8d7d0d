import { describe, expect, it } from 'vitest';
import { parseFlags, parseVarFlag, UsageError } from '../../src/cli/flags.js';

const specs = {
  force: { kind: 'bool', help: '' },
  var: { kind: 'list', help: '' },
  only: { kind: 'string', help: '' },
} as const;

describe('parseFlags', () => {
  it('accepts Go flag forms and stops at the first positional', () => {
    const parsed = parseFlags(
      ['-force', '--var', 'a=1', '-var=b=2', '-only', 'x', 't.json', '-force=false'],
      specs,
    );
    expect(parsed.flags).toEqual({ force: true, var: ['a=1', 'b=2'], only: 'x' });
    expect(parsed.positionals).toEqual(['t.json', '-force=false']);
  });

  it('rejects unknown flags and missing values the way Go does', () => {
    expect(() => parseFlags(['-nope'], specs)).toThrow(
      new UsageError('flag provided but not defined: -nope'),
    );
    expect(() => parseFlags(['-only'], specs)).toThrow('flag needs an argument: -only');
    expect(() => parseFlags(['-force=maybe'], specs)).toThrow('invalid boolean value');
  });

  it('splits -var at the first =', () => {
    expect(parseVarFlag('url=http://x/?a=b')).toEqual(['url', 'http://x/?a=b']);
    expect(() => parseVarFlag('novalue')).toThrow(UsageError);
  });
});
