// Boot-command grammar: Packer's own test vectors plus every key, wait form, toggle and error.
import { describe, expect, it } from 'vitest';
import {
  BootCommandError,
  findBootCommandProblems,
  formatAction,
  parseBootCommand,
  SPECIAL_KEYS,
  validateBootCommand,
} from '../../src/bootcommand/index.js';

const formatted = (text: string): string[] => parseBootCommand(text).map(formatAction);

function problemOf(text: string): BootCommandError {
  try {
    parseBootCommand(text);
  } catch (error) {
    if (error instanceof BootCommandError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseBootCommand', () => {
  it('reproduces Packer 1.6.6 Test_parse (ASCII part)', () => {
    const text =
      '<wait><wait20><wait3s><wait4m2ns>foo/bar > one<fon> b<fOff><foo><f3><f12><spacebar><leftalt><rightshift><rightsuper>';
    expect(formatted(text)).toEqual([
      'Wait<1s>',
      'Wait<20s>',
      'Wait<3s>',
      'Wait<4m0.000000002s>',
      ...[...'foo/bar > one'].map((c) => `LIT-Press(${c})`),
      'LIT-On(f)',
      'LIT-Press( )',
      'LIT-Press(b)',
      'LIT-Off(f)',
      ...[...'<foo>'].map((c) => `LIT-Press(${c})`),
      'Spec-Press(f3)',
      'Spec-Press(f12)',
      'Spec-Press(spacebar)',
      'Spec-Press(leftalt)',
      'Spec-Press(rightshift)',
      'Spec-Press(rightsuper)',
    ]);
  });

  it('parses every special key as press, on and off, case-insensitively', () => {
    for (const { name } of SPECIAL_KEYS) {
      const upper = name.toUpperCase();
      expect(formatted(`<${name}><${upper}On><${name}OFF>`), name).toEqual([
        `Spec-Press(${name})`,
        `Spec-On(${name})`,
        `Spec-Off(${name})`,
      ]);
    }
  });

  it('accepts the documented camelCase spellings', () => {
    const text = '<pageUp><pageDown><leftCtrlOn><rightAltOff><leftCommand><rightOption><Menu><ENTER><Return>';
    expect(formatted(text)).toEqual([
      'Spec-Press(pageup)',
      'Spec-Press(pagedown)',
      'Spec-On(leftctrl)',
      'Spec-Off(rightalt)',
      'Spec-Press(leftcommand)',
      'Spec-Press(rightoption)',
      'Spec-Press(menu)',
      'Spec-Press(enter)',
      'Spec-Press(return)',
    ]);
  });

  it('matches f10-f12 before f1 and left/right after leftAlt etc.', () => {
    expect(formatted('<f1><f10><f11On><left><leftOn><right><rightShiftOff>')).toEqual([
      'Spec-Press(f1)',
      'Spec-Press(f10)',
      'Spec-On(f11)',
      'Spec-Press(left)',
      'Spec-On(left)',
      'Spec-Press(right)',
      'Spec-Off(rightshift)',
    ]);
  });

  it.each([
    ['<wait>', 1000],
    ['<wait5>', 5000],
    ['<wait10>', 10_000],
    ['<wait500ms>', 500],
    ['<wait1m30s>', 90_000],
    ['<wait1.5s>', 1500],
    ['<wait2h>', 7_200_000],
    ['<wait250us>', 0.25],
    ['<wait250µs>', 0.25],
    ['<wait1h2m3s4ms>', 3_723_004],
  ])('%s waits %d ms', (text, ms) => {
    const [action] = parseBootCommand(text);
    expect(action).toMatchObject({ kind: 'wait', ms, offset: 0, source: text });
  });

  it('formats waits as Go durations', () => {
    expect(formatted('<wait90s><wait500ms><wait3600s><wait1.25s>')).toEqual([
      'Wait<1m30s>',
      'Wait<500ms>',
      'Wait<1h0m0s>',
      'Wait<1.25s>',
    ]);
  });

  it('types malformed waits and unknown names literally, as the grammar does', () => {
    for (const text of [
      '<WAIT>',
      '<wait-1>',
      '<wait05>',
      '<wait5x>',
      '<wait 5>',
      '<foo>',
      '<leftctr>',
      '<>',
      '<',
      '>',
    ]) {
      expect(formatted(text), text).toEqual([...text].map((c) => `LIT-Press(${c})`));
    }
  });

  it('parses character toggles for any character, including < and >', () => {
    expect(formatted('<aOn><AOFF><>on><<off>')).toEqual([
      'LIT-On(a)',
      'LIT-Off(A)',
      'LIT-On(>)',
      'LIT-Off(<)',
    ]);
  });

  it('returns no actions for an empty command and keeps offsets in characters', () => {
    expect(parseBootCommand('')).toEqual([]);
    expect(parseBootCommand('a<enter>b').map((a) => [a.offset, a.source])).toEqual([
      [0, 'a'],
      [1, '<enter>'],
      [8, 'b'],
    ]);
  });

  it('parses a realistic Debian preseed line', () => {
    const text = '<esc><wait>auto url=http://10.0.2.2:8080/preseed.cfg<enter>';
    const actions = parseBootCommand(text);
    expect(actions).toHaveLength(2 + 'auto url=http://10.0.2.2:8080/preseed.cfg'.length + 1);
    expect(formatAction(actions.at(-1)!)).toBe('Spec-Press(enter)');
  });
});

describe('boot command errors', () => {
  it.each([
    ['<wait0>', '0s'],
    ['<wait0s>', '0s'],
    ['<wait-1m>', '-1m0s'],
    ['<wait-500ms>', '-500ms'],
  ])('%s is not a positive wait', (text, got) => {
    const error = problemOf(text);
    expect(error.code).toBe('boot-command');
    expect(error.message).toContain(`Expecting a positive wait value. Got ${got}`);
    expect(error.problems).toEqual([
      { offset: 0, source: text, message: `Expecting a positive wait value. Got ${got}` },
    ]);
  });

  it('rejects invalid and overflowing durations like Go does', () => {
    expect(problemOf('<wait1m-30s>').message).toContain('time: invalid duration "1m-30s"');
    expect(problemOf('<wait9999999999h>').message).toContain('invalid duration');
    expect(problemOf('<wait99999999999999999999>').message).toContain('out of range');
    expect(problemOf('<wait9999999999999>').message).toContain('too long');
  });

  it('names characters no US key can type, with their position', () => {
    const error = problemOf('ab界<enter>\n');
    expect(error.problems.map((p) => [p.offset, p.source])).toEqual([
      [2, '界'],
      [10, '\n'],
    ]);
    expect(error.message).toContain('"界" (U+754C)');
    expect(error.message).toContain('at character 3');
    expect(error.hint).toContain('<enter>');
    expect(problemOf('<éOn>').message).toContain('U+00E9');
  });

  it('validateBootCommand reports every problem with its position', () => {
    expect(() => validateBootCommand('<esc><wait5>text<enter>')).not.toThrow();
    expect(() => validateBootCommand('x<wait0>y<wait-2s>')).toThrow(
      /2 problems:[\s\S]*character 2[\s\S]*character 10/,
    );
    expect(findBootCommandProblems('ok<wait0>')).toEqual([
      { offset: 2, source: '<wait0>', message: 'Expecting a positive wait value. Got 0s' },
    ]);
  });
});
