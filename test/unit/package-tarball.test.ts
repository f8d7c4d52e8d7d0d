// `npm pack` builds dist/ (prepack) and ships only what runs: bin/, dist/ without source maps, README and
// package.json; never src/ or test/. Packs a copy of the tracked files so this repo's dist/ is left alone
// (other tests run bin/kiln.js from it meanwhile).
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let files: string[];
let unpacked: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-pack-'));
  const copy = join(dir, 'repo');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  for (const file of tracked.filter(Boolean)) {
    await mkdir(dirname(join(copy, file)), { recursive: true });
    await cp(join(ROOT, file), join(copy, file)).catch(() => {}); // tracked but deleted in the work tree
  }
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const packed = await execa('npm', ['pack', '--json', '--pack-destination', dir], { cwd: copy });
  const [result] = JSON.parse(packed.stdout) as [{ filename: string }];
  const tarball = join(dir, result.filename);
  files = (await execa('tar', ['tzf', tarball])).stdout.split('\n');
  unpacked = join(dir, 'unpacked');
  await mkdir(unpacked);
  await execa('tar', ['xzf', tarball, '-C', unpacked]);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

it('ships the built CLI and nothing of the sources or tests', () => {
  expect(files).toContain('package/bin/kiln.js');
  expect(files).toContain('package/dist/cli/main.js');
  expect(files).toContain('package/package.json');
  expect(files.filter((f) => /^package\/(src|test|bench|scripts)\//.test(f))).toEqual([]);
  expect(files.filter((f) => f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
});

it('the unpacked package runs with its dependencies', async () => {
  await symlink(join(ROOT, 'node_modules'), join(unpacked, 'package/node_modules'));
  const run = await execa('node', [join(unpacked, 'package/bin/kiln.js'), 'version']);
  expect(run.stdout).toMatch(/^Kiln v\d+\.\d+\.\d+ /);
});
