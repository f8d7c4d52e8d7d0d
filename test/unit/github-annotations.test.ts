// GitHub Actions output: errors also as `::error file=…,line=…::` workflow commands, escaped as GitHub's
// toolkit escapes them; the runner's own timestamps replace Kiln's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KilnError, TemplateError } from '../../src/core/errors.js';
import { TemplateValidationError } from '../../src/template/index.js';
import { githubAnnotations } from '../../src/ui/github-annotations.js';

const KILN = resolve(import.meta.dirname, '../../bin/kiln.js');

describe('githubAnnotations', () => {
  it('puts each template problem at its file, line and column, relative to the workspace', () => {
    const error = new TemplateValidationError([
      {
        location: { file: '/ws/t.json', line: 3, column: 9, key: 'builders[0].disk_sizee' },
        message: "unknown key 'a,b'",
      },
      { location: { file: '/elsewhere/v.json', line: 1 }, message: '100% wrong:\nreally' },
    ]);
    expect(githubAnnotations(error, {}, '/ws')).toEqual([
      "::error file=t.json,line=3,col=9,title=Template error::builders[0].disk_sizee: unknown key 'a,b'",
      '::error file=/elsewhere/v.json,line=1,title=Template error::100%25 wrong:%0Areally',
    ]);
  });

  it('escapes properties and redacts sensitive values', () => {
    const error = new TemplateError({ file: 'a:b,c.json', line: 2 }, ['bad']);
    expect(githubAnnotations(error, {})).toEqual([
      '::error file=a%3Ab%2Cc.json,line=2,title=Template error::bad',
    ]);
    const failure = new KilnError('login as hunter2 failed', { code: 'x', hint: 'check it' });
    failure.step = 'connect-ssh';
    expect(githubAnnotations(failure, { build: 'vm', sensitive: ['hunter2'] })).toEqual([
      "::error title=Build 'vm' errored::[connect-ssh] login as <sensitive> failed%0Ahint: check it",
    ]);
  });
});

describe('kiln under GitHub Actions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiln-gha-'));
    await writeFile(join(dir, 'tiny.iso'), 'not really an ISO');
    const builder = {
      type: 'qemu',
      iso_url: 'tiny.iso',
      iso_checksum: `sha256:${'0'.repeat(64)}`,
      ssh_username: 'root',
    };
    await writeFile(join(dir, 'fails.json'), JSON.stringify({ builders: [builder] }));
    await writeFile(
      join(dir, 'typo.json'),
      `{\n  "builders": [\n    {"type": "qemu", "disk_sizee": 5}\n  ]\n}\n`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const kiln = (...args: string[]) =>
    execa('node', [KILN, ...args], {
      cwd: dir,
      reject: false,
      all: true,
      env: { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir },
    });

  it('kiln build annotates the failed build and drops its own timestamps', async () => {
    const run = await kiln('build', 'fails.json');
    expect(run.exitCode).toBe(1);
    expect(run.all).toMatch(/^::error title=Build 'qemu' errored::\[acquire-iso\] checksum mismatch/m);
    expect(run.all).toMatch(/^==> qemu: Retrieving ISO tiny\.iso$/m);
    expect(run.all).not.toMatch(/^\d{4}-\d\d-\d\dT/m);
  });

  it('kiln build and validate put template errors on their line', async () => {
    for (const command of ['build', 'validate']) {
      const run = await kiln(command, join(dir, 'typo.json'));
      expect(run.exitCode).toBe(1);
      expect(run.all).toMatch(
        /^::error file=typo\.json,line=3,col=\d+,title=Template error::builders\[0\]\.disk_sizee: unknown configuration key/m,
      );
    }
  });
});
