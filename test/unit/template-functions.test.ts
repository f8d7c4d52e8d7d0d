// Template functions: Go reference-time layouts, strftime, string helpers, phase rules, unsupported functions.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_FUNCTIONS,
  extendFunctionTable,
  type FunctionContext,
  formatGoTime,
  formatStrftime,
  renderTemplateString,
} from '../../src/template/index.js';

const packerInstalled = (() => {
  try {
    execFileSync('packer', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// 2009-11-10 23:04:05.123 UTC, a Tuesday, day 314 of the year.
const time = new Date(Date.UTC(2009, 10, 10, 23, 4, 5, 123));

const ctx = (overrides: Partial<FunctionContext> = {}): FunctionContext => ({
  phase: 'config',
  templatePath: '/work/tpl/t.json',
  cwd: '/work/cwd',
  initTime: time,
  env: { HOME: '/home/k' },
  userVariables: new Map([['name', 'Debian 12']]),
  buildName: 'deb',
  buildType: 'qemu',
  data: {},
  ...overrides,
});

const run = (text: string, overrides: Partial<FunctionContext> = {}, keepUnresolved = false): string =>
  renderTemplateString(text, ctx(overrides), { keepUnresolved });

describe('isotime Go layouts', () => {
  it.each([
    ['', '2009-11-10T23:04:05Z'],
    ['2006-01-02', '2009-11-10'],
    ['20060102150405', '20091110230405'],
    ['Jan January Mon Monday', 'Nov November Tue Tuesday'],
    ['1 01 2 02 _2 15 3 03 4 04 5 05', '11 11 10 10 10 23 11 11 4 04 5 05'],
    ['06 2006 _2006', '09 2009 _2009'],
    ['PM pm', 'PM pm'],
    ['MST -0700 -07:00 -07 -070000 -07:00:00', 'UTC +0000 +00:00 +00 +000000 +00:00:00'],
    ['Z0700 Z07:00 Z07', 'Z Z Z'],
    ['05.000 05.00 05,000 05.999999999 05.9', '05.123 05.12 05,123 05.123 05.1'],
    ['002 __2', '314 314'],
    ['Month Jane Monthly', 'Month Jane Monthly'],
    ['15:04:05.000000', '23:04:05.123000'],
    ['.0001', '.0011'],
  ])('%j', (layout, expected) => {
    const text = layout === '' ? '{{ isotime }}' : `{{ isotime ${JSON.stringify(layout)} }}`;
    expect(run(text)).toBe(expected);
  });

  it('pads single-digit days and hours', () => {
    const early = new Date(Date.UTC(2021, 0, 2, 3, 4, 5, 0));
    expect(formatGoTime(early, '_2|2|02|3PM|03|15|05.999')).toBe(' 2|2|02|3AM|03|03|05');
  });

  it('rejects more than one layout', () => {
    expect(() => run('{{ isotime "a" "b" }}')).toThrow(/too many values, 1 needed/);
  });

  it.skipIf(!packerInstalled)('matches the real Packer 1.6.6 output for the same instant', () => {
    const layouts = [
      '2006-01-02 15:04:05',
      'Mon Jan _2 3PM pm MST -0700 Z07:00',
      '06 1 2 3 4 5 002',
      'January Monday 03:04 .0001',
    ];
    // One expression, so every layout is formatted from the same Packer InitTime.
    const input = `{{isotime "${['2006-01-02T15:04:05Z07:00', ...layouts].join('@@')}"}}\n`;
    const output = execFileSync('packer', ['console'], {
      input,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    const [reference = '', ...results] = output.trim().split('@@');
    expect(results).toEqual(layouts.map((l) => formatGoTime(new Date(reference), l)));
  });
});

describe('other time functions', () => {
  it('timestamp is the Unix seconds of the run start', () => {
    expect(run('{{ timestamp }}')).toBe('1257894245');
  });

  it('strftime maps directives to Go layouts and keeps unknown ones', () => {
    expect(run('{{ strftime "%Y-%m-%d %H:%M:%S%L %a %A %b %B %y %I%p %Z %z %% %q" }}')).toBe(
      '2009-11-10 23:04:05.123 Tue Tuesday Nov November 09 11PM UTC +0000 % %q',
    );
    expect(formatStrftime(time, 'end %')).toBe('end %');
  });
});

describe('string functions', () => {
  it.each([
    ['{{ lower "AbC" }} {{ upper "AbC" }}', 'abc ABC'],
    ['{{ split "a-b-c" "-" 2 }}', 'c'],
    ['{{ replace "a" "b" 2 "aaaa" }}', 'bbaa'],
    ['{{ replace "a" "b" -1 "aaaa" }}', 'bbbb'],
    ['{{ replace_all "." "-" "1.2.3" }}', '1-2-3'],
    ['{{ clean_resource_name "Debian 12.4_Image" }}', 'debian-12-4-image'],
    ['{{ clean_resource_name "ok-name-1" }}', 'ok-name-1'],
    ['{{ user `name` | clean_resource_name }}', 'debian-12'],
    ['{{ packer_version }}', '1.6.6'],
    ['{{ build_name }}/{{ build_type }}', 'deb/qemu'],
    ['{{ pwd }}', '/work/cwd'],
    ['{{ template_dir }}', '/work/tpl'],
  ])('%s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('split fails when the index is out of range', () => {
    expect(() => run('{{ split "a,b" "," 5 }}')).toThrow(
      /the substring 5 was unavailable .* only 2 values were found/,
    );
  });

  it('uuid is a fresh UUID per call', () => {
    const [a, b] = run('{{ uuid }} {{ uuid }}').split(' ');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('phase rules', () => {
  it('env works only while resolving variables', () => {
    expect(run('{{ env `HOME` }}{{ env `NOPE` }}', { phase: 'variables' })).toBe('/home/k');
    expect(() => run('{{ env `HOME` }}')).toThrow(/env is only allowed in the default values of "variables"/);
  });

  it('user fails on undefined variables with a suggestion', () => {
    expect(() => run('{{ user `nmae` }}')).toThrow(
      /variable "nmae" is not defined \(did you mean "name"\?\)/,
    );
  });

  it('build_name fails outside a build', () => {
    expect(() => run('{{ build_name }}', { buildName: undefined })).toThrow(/build_name not available/);
  });

  it('build reads run-time data, is kept verbatim at load, and rejects unknown keys', () => {
    expect(run('{{ build `Host` }}:{{ build `Port` }}', { data: { Host: '127.0.0.1', Port: 2222 } })).toBe(
      '127.0.0.1:2222',
    );
    expect(run('ssh {{ build `Host` }}', {}, true)).toBe('ssh {{ build `Host` }}');
    expect(() => run('{{ build `Host` }}')).toThrow(
      /error calling build: build `Host` is not available here/,
    );
    expect(() => run('{{ build `Hots` }}', {}, true)).toThrow(
      /unknown build value "Hots" \(did you mean "Host"\?\)/,
    );
  });

  it.each(['aws_secretsmanager', 'sed'])('%s is rejected clearly', (name) => {
    expect(() => run(`{{ ${name} "a" "b" }}`)).toThrow(new RegExp(`${name} is not supported by Kiln`));
  });
});

describe('function table', () => {
  it('can be extended with new functions', () => {
    const functions = extendFunctionTable(BUILTIN_FUNCTIONS, {
      urlquery: { params: ['string'], call: (a) => encodeURIComponent(String(a[0])) },
    });
    expect(renderTemplateString('{{ "a b" | urlquery }}', ctx(), { keepUnresolved: false, functions })).toBe(
      'a%20b',
    );
  });
});
