import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileProvisionerConfig } from '../../src/provisioners/file/config.js';
import { runFileProvisioner } from '../../src/provisioners/file/run.js';
import { type ProvisionFixture, startProvisionFixture } from './provision-fixture.js';

let fx: ProvisionFixture;
beforeAll(async () => {
  fx = await startProvisionFixture();
});
afterAll(async () => {
  await fx?.stop();
});

function config(overrides: Partial<FileProvisionerConfig>): FileProvisionerConfig {
  return {
    type: 'file',
    sources: [],
    destination: '',
    direction: 'upload',
    generated: false,
    ...overrides,
  };
}

/** A small tree: two files, a nested one with its own mode, and an empty directory. */
function makeTree(root: string): void {
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(root, 'empty'));
  writeFileSync(join(root, 'a.txt'), 'alpha\n');
  writeFileSync(join(root, 'name with space'), 'spaced\n');
  writeFileSync(join(root, 'sub', 'deeper', 'run.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(root, 'sub', 'deeper', 'run.sh'), 0o755);
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('file provisioner over real SSH', () => {
  it('uploads a file, keeping its name when the destination ends in "/"', async () => {
    const src = join(fx.dir, 'one.txt');
    writeFileSync(src, 'one\n');
    mkdirSync(join(fx.dir, 'up1'));
    const ctx = fx.context();
    await runFileProvisioner(config({ sources: [src], destination: `${fx.dir}/up1/` }), ctx);
    expect(readFileSync(join(fx.dir, 'up1', 'one.txt'), 'utf8')).toBe('one\n');
    expect(ctx.said).toEqual([`Uploading ${src} => ${fx.dir}/up1/`]);
    await runFileProvisioner(config({ sources: [src], destination: `${fx.dir}/up1/renamed` }), ctx);
    expect(readFileSync(join(fx.dir, 'up1', 'renamed'), 'utf8')).toBe('one\n');
  });

  it('uploads "dir" as the directory itself and "dir/" as its contents', async () => {
    const src = join(fx.dir, 'tree');
    makeTree(src);
    const remote = join(fx.dir, 'remote');
    await runFileProvisioner(config({ sources: [src], destination: remote }), fx.context());
    expect(readFileSync(join(remote, 'tree', 'a.txt'), 'utf8')).toBe('alpha\n');
    expect(readFileSync(join(remote, 'tree', 'name with space'), 'utf8')).toBe('spaced\n');
    expect(statSync(join(remote, 'tree', 'sub', 'deeper', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(remote, 'tree', 'empty')).isDirectory()).toBe(true);

    const contents = join(fx.dir, 'contents');
    await runFileProvisioner(config({ sources: [`${src}/`], destination: contents }), fx.context());
    expect(readFileSync(join(contents, 'a.txt'), 'utf8')).toBe('alpha\n');
    expect(existsSync(join(contents, 'tree'))).toBe(false);
  });

  it('downloads a file, and a directory ("dir/") back under its own name with the same bytes', async () => {
    const src = join(fx.dir, 'round');
    makeTree(src);
    const remote = join(fx.dir, 'round-remote');
    await runFileProvisioner(config({ sources: [src], destination: remote }), fx.context());
    const back = join(fx.dir, 'round-back');
    await runFileProvisioner(
      config({ sources: [`${remote}/round/`], destination: `${back}/`, direction: 'download' }),
      fx.context(),
    );
    for (const file of ['a.txt', 'name with space', 'sub/deeper/run.sh'])
      expect(digest(join(back, 'round', file))).toBe(digest(join(src, file)));
    expect(statSync(join(back, 'round', 'sub', 'deeper', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(back, 'round', 'empty')).isDirectory()).toBe(true);

    await runFileProvisioner(
      config({
        sources: [join(remote, 'round', 'a.txt')],
        destination: `${back}/single/`,
        direction: 'download',
      }),
      fx.context(),
    );
    expect(readFileSync(join(back, 'single', 'a.txt'), 'utf8')).toBe('alpha\n');
  });

  it('downloads what a remote glob matches into the destination', async () => {
    const remote = join(fx.dir, 'globbed');
    mkdirSync(remote);
    writeFileSync(join(remote, 'x.log'), 'x');
    writeFileSync(join(remote, 'y.log'), 'y');
    writeFileSync(join(remote, 'z.txt'), 'z');
    const back = join(fx.dir, 'glob-back');
    await runFileProvisioner(
      config({ sources: [`${remote}/*.log`], destination: back, direction: 'download' }),
      fx.context(),
    );
    expect(readFileSync(join(back, 'x.log'), 'utf8')).toBe('x');
    expect(readFileSync(join(back, 'y.log'), 'utf8')).toBe('y');
    expect(existsSync(join(back, 'z.txt'))).toBe(false);
  });

  it('fails clearly on a download of a remote path that does not exist', async () => {
    const missing = join(fx.dir, 'no-such-file');
    await expect(
      runFileProvisioner(
        config({ sources: [missing], destination: join(fx.dir, 'x'), direction: 'download' }),
        fx.context(),
      ),
    ).rejects.toThrow(/Download failed: .*no-such-file.*No such file/i);
    await expect(
      runFileProvisioner(
        config({ sources: [`${missing}/`], destination: join(fx.dir, 'x'), direction: 'download' }),
        fx.context(),
      ),
    ).rejects.toThrow(/cannot list remote path .*no-such-file\/.*No such file/);
  });

  it('fails clearly when a generated source is still missing at run time', async () => {
    const missing = join(fx.dir, 'never-generated');
    await expect(
      runFileProvisioner(
        config({ sources: [missing], destination: '/tmp/x', generated: true }),
        fx.context(),
      ),
    ).rejects.toThrow(/cannot upload .*never-generated: ENOENT/);
  });
});
