// Bad inputs made at test time: 10 MB values and lines (not committed), deep nesting, symlink loops, paths
// that are directories or missing. Each makes its files in `dir` and says what the error must name.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BadInputCommand } from './cases.js';

export interface GeneratedCase {
  readonly name: string;
  /** Writes the files; returns the template path and -var-file paths (absolute). */
  readonly make: (dir: string) => { file: string; varFiles?: string[] };
  readonly expect: readonly string[];
  readonly commands?: readonly BadInputCommand[];
}

const TEN_MB = 10 * 1024 * 1024;
const QEMU = { type: 'qemu', iso_url: 'x.iso', iso_checksum: 'none', ssh_username: 'root' };

const json = (dir: string, name: string, value: unknown): string => text(dir, name, JSON.stringify(value));
function text(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
function loop(dir: string, name: string): string {
  symlinkSync(join(dir, `${name}.b`), join(dir, name));
  symlinkSync(join(dir, name), join(dir, `${name}.b`));
  return join(dir, name);
}

export const GENERATED_CASES: readonly GeneratedCase[] = [
  {
    name: 'ten-megabyte-string-value',
    make: (dir) => ({ file: json(dir, 't.json', { builders: [{ ...QEMU, memory: 'x'.repeat(TEN_MB) }] }) }),
    expect: ['t.json:', 'builders[0].memory', 'expected an integer'],
  },
  {
    name: 'ten-megabyte-unknown-key',
    make: (dir) => ({ file: json(dir, 't.json', { builders: [{ ...QEMU, ['k'.repeat(TEN_MB)]: 1 }] }) }),
    expect: ['t.json:', 'unknown configuration key'],
  },
  {
    name: 'ten-megabyte-var-file-value',
    make: (dir) => ({
      file: json(dir, 't.json', { variables: { a: '' }, builders: [{ ...QEMU, cpus: '{{user `a`}}' }] }),
      varFiles: [json(dir, 'vars.json', { a: '7'.repeat(TEN_MB) })],
    }),
    expect: ['t.json:', 'builders[0].cpus', 'out of range'],
  },
  {
    name: 'ten-megabyte-line-with-a-syntax-error',
    make: (dir) => ({ file: text(dir, 't.json', `{"description": "${'d'.repeat(TEN_MB)}", "builders": [}`) }),
    expect: [`t.json:1:${TEN_MB + 34}`, 'Error parsing JSON'],
  },
  {
    name: 'ten-megabyte-checksum-file',
    make: (dir) => {
      text(dir, 'x.iso', 'not an ISO');
      text(dir, 'SUMS', `${'f'.repeat(64)}  other.iso\n`.repeat(TEN_MB / 76));
      return {
        file: json(dir, 't.json', {
          builders: [{ ...QEMU, iso_url: join(dir, 'x.iso'), iso_checksum: `file:${join(dir, 'SUMS')}` }],
        }),
      };
    },
    expect: ['t.json:', 'builders[0].iso_checksum', 'no checksum found for x.iso'],
  },
  {
    name: 'hundred-thousand-nested-arrays',
    make: (dir) => ({ file: text(dir, 't.json', `{"builders": ${'['.repeat(100_000)}`) }),
    expect: ['t.json:1:', 'exceeded max depth'],
    commands: ['validate', 'build', 'inspect', 'console'],
  },
  {
    name: 'hundred-thousand-nested-objects',
    make: (dir) => ({ file: text(dir, 't.json', `{"builders": [${'{"a": '.repeat(100_000)}1`) }),
    expect: ['t.json:1:', 'exceeded max depth'],
    commands: ['validate', 'build', 'inspect', 'console'],
  },
  {
    name: 'deeply-nested-var-file',
    make: (dir) => ({
      file: json(dir, 't.json', { builders: [QEMU] }),
      varFiles: [text(dir, 'vars.json', `{"a": ${'['.repeat(100_000)}`)],
    }),
    expect: ['vars.json:1:', 'exceeded max depth'],
    commands: ['validate', 'build', 'console'],
  },
  {
    name: 'ten-thousand-nested-parentheses',
    make: (dir) => ({
      file: json(dir, 't.json', {
        builders: [{ ...QEMU, vm_name: `{{ ${'('.repeat(10_000)}1${')'.repeat(10_000)} }}` }],
      }),
    }),
    expect: ['t.json:', 'builders[0].vm_name', 'max expression depth exceeded'],
  },
  {
    name: 'template-is-a-symlink-loop',
    make: (dir) => ({ file: loop(dir, 't.json') }),
    expect: ['t.json', 'cannot read template', 'ELOOP'],
    commands: ['validate', 'build', 'inspect', 'console'],
  },
  {
    name: 'var-file-is-a-symlink-loop',
    make: (dir) => ({ file: json(dir, 't.json', { builders: [QEMU] }), varFiles: [loop(dir, 'vars.json')] }),
    expect: ['vars.json', 'cannot read variables file', 'ELOOP'],
    commands: ['validate', 'build', 'console'],
  },
  {
    name: 'checksum-file-is-a-symlink-loop',
    make: (dir) => ({
      file: json(dir, 't.json', { builders: [{ ...QEMU, iso_checksum: `file:${loop(dir, 'SUMS')}` }] }),
    }),
    expect: ['t.json:', 'builders[0].iso_checksum', 'ELOOP'],
  },
  {
    name: 'script-is-a-symlink-loop',
    make: (dir) => ({
      file: json(dir, 't.json', {
        builders: [QEMU],
        provisioners: [{ type: 'shell', script: loop(dir, 'x.sh') }],
      }),
    }),
    expect: ['t.json:', 'provisioners[0].script', 'ELOOP'],
  },
  {
    name: 'template-is-a-directory',
    make: (dir) => {
      mkdirSync(join(dir, 't.json'));
      return { file: join(dir, 't.json') };
    },
    expect: ['t.json', 'cannot read template', 'EISDIR'],
    commands: ['validate', 'build', 'inspect', 'console'],
  },
  {
    name: 'template-is-missing',
    make: (dir) => ({ file: join(dir, 'no-such-template.json') }),
    expect: ['no-such-template.json', 'cannot read template', 'ENOENT'],
    commands: ['validate', 'build', 'inspect', 'console'],
  },
  {
    name: 'template-path-goes-through-a-file',
    make: (dir) => ({ file: join(json(dir, 't.json', { builders: [QEMU] }), 'inner.json') }),
    expect: ['inner.json', 'cannot read template', 'ENOTDIR'],
    commands: ['validate', 'build', 'inspect', 'console'],
  },
];
