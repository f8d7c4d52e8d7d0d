// User variables: string defaults, required (null), -var/-var-file precedence, env, chained references, sensitivity.

import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

const template = (variables: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  tmp.write('t.json', { variables, builders: [QEMU], ...extra });

describe('precedence', () => {
  it('defaults < var files (later wins) < -var (later wins), whatever the order on the command line', async () => {
    const file = template({ a: 'default', b: 'default', c: 'default', d: 'default' });
    const one = tmp.write('one.json', { a: 'file1', b: 'file1', c: 'file1' });
    tmp.write('two.json', { b: 'file2' }); // passed by relative path below
    const loaded = await loadTemplate(file, {
      cwd: tmp.dir(),
      varFiles: [one, 'two.json'],
      vars: [
        ['c', 'var1'],
        ['c', 'var2'],
        ['extra', 'x'],
      ],
    });
    expect(Object.fromEntries(loaded.variables)).toEqual({
      a: 'file1',
      b: 'file2',
      c: 'var2',
      d: 'default',
      extra: 'x',
    });
  });

  it('a var file with a repeated key keeps the last value, as Packer 1.6.6 (Go encoding/json) does', async () => {
    const file = template({ x: '' });
    tmp.write('dup.json', '{"x": "1", "x": "2"}');
    const loaded = await loadTemplate(file, { cwd: tmp.dir(), varFiles: ['dup.json'] });
    expect(loaded.variables.get('x')).toBe('2');
  });

  it('var files must hold string values', async () => {
    const file = template({});
    tmp.write('bad.json', '{\n  "a": 1\n}');
    const error = await templateFailure(loadTemplate(file, { cwd: tmp.dir(), varFiles: ['bad.json'] }));
    expect(error.location).toMatchObject({ file: 'bad.json', line: 2, column: 3, key: 'a' });
    expect(error.message).toContain('variable values must be strings, found number 1');
  });
});

describe('required and typed defaults', () => {
  it('reports every required variable that is not set, and non-string defaults', async () => {
    const file = template({ region: null, size: null, count: 3, ok: 'x' });
    const error = await templateFailure(loadTemplate(file, { cwd: tmp.dir(), vars: [['size', '1']] }));
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('variables.region: required variable not set: region');
    expect(error.message).toMatch(
      /t\.json:\d+:\d+: variables\.count: variable defaults must be strings .* found number 3/,
    );
  });

  it('accepts a required variable given on the command line', async () => {
    const loaded = await loadTemplate(template({ region: null }), {
      cwd: tmp.dir(),
      vars: [['region', 'eu']],
    });
    expect(loaded.variables.get('region')).toBe('eu');
  });
});

describe('resolution', () => {
  it('resolves env and chains of user references in any order', async () => {
    const file = template({
      z_base: '{{env `KILN_TEST_BASE`}}',
      b: '{{user `c`}}-b',
      c: '{{user `z_base`}}-c',
      a: '{{user `b`}}-a {{ .HTTPIP }}',
    });
    const loaded = await loadTemplate(file, { cwd: tmp.dir(), env: { KILN_TEST_BASE: 'base' } });
    expect(loaded.variables.get('a')).toBe('base-c-b-a {{ .HTTPIP }}');
  });

  it('renders -var values too (as Packer does)', async () => {
    const loaded = await loadTemplate(template({ v: '1' }), {
      cwd: tmp.dir(),
      vars: [['w', '{{user `v`}}2']],
    });
    expect(loaded.variables.get('w')).toBe('12');
  });

  it('reports cycles and undefined references', async () => {
    const file = template({ a: '{{user `b`}}', b: '{{user `a`}}', c: '{{user `missing`}}' });
    const error = await templateFailure(loadTemplate(file, { cwd: tmp.dir() }));
    expect(error.message).toContain(
      'variables.a: Failed to interpolate "{{user `b`}}": it references variables that reference each other (a, b)',
    );
    expect(error.message).toContain('variable "missing" is not defined');
  });

  it('timestamp and isotime in defaults use the run time', async () => {
    const initTime = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const loaded = await loadTemplate(template({ t: '{{timestamp}} {{isotime `2006-01-02`}}' }), {
      cwd: tmp.dir(),
      initTime,
    });
    expect(loaded.variables.get('t')).toBe('1704164645 2024-01-02');
  });
});

describe('sensitive variables', () => {
  it('lists names and resolved non-empty values for redaction', async () => {
    const file = template(
      { password: '{{env `PW`}}', empty: '', user: 'u' },
      { 'sensitive-variables': ['password', 'empty'] },
    );
    const loaded = await loadTemplate(file, { cwd: tmp.dir(), env: { PW: 's3cret' } });
    expect(loaded.sensitiveVariables).toEqual(['password', 'empty']);
    expect(loaded.sensitiveValues).toEqual(['s3cret']);
  });
});
