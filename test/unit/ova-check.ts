// Checks an .ova the way users' tools see it: real tar, sha256sum, xmllint and qemu-img (unit and VM tests).
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { runQemuImg } from '../../src/disk/qemu-img.js';

/** What VirtualBox, VMware and virt-v2v need in an OVF, one XPath per line. */
const REQUIRED = join(import.meta.dirname, '../fixtures/ovf/required.xpath');
const signal = new AbortController().signal;

/** Returns the OVF text; `source` is the disk the OVA was made from, compared with the VMDK inside. */
export async function checkOva(path: string, source: string, sourceFormat: string): Promise<string> {
  const listing = (await execa('tar', ['tvf', path])).stdout.split('\n');
  const names = listing.map((line) => line.split(/\s+/).at(-1) ?? '');
  expect(names).toHaveLength(3);
  expect(names[0]).toMatch(/\.ovf$/);
  expect(names[1]).toMatch(/\.mf$/);
  expect(names[2]).toMatch(/-disk1\.vmdk$/);
  for (const line of listing) expect(line).toMatch(/^-rw-r--r-- /);
  const out = join(path, '..', `unpacked-${Date.now()}`);
  await mkdir(out);
  await execa('tar', ['xf', path, '-C', out]);
  // The .mf in ovftool's form; sha256sum checks it after a rewrite into coreutils' form.
  const mf = await readFile(join(out, names[1] as string), 'utf8');
  expect(mf).toMatch(/^SHA256\(.+\.ovf\)= [0-9a-f]{64}\nSHA256\(.+\.vmdk\)= [0-9a-f]{64}\n$/);
  const sums = mf.replace(/^SHA256\((.+)\)= ([0-9a-f]{64})$/gm, '$2  $1');
  await execa('sha256sum', ['--check', '--strict', '-'], { cwd: out, input: sums });
  const vmdk = join(out, names[2] as string);
  await runQemuImg(['check', '-f', 'vmdk', vmdk], { signal });
  const info = JSON.parse(await runQemuImg(['info', '--output=json', '-f', 'vmdk', vmdk], { signal })) as {
    'format-specific': { data: { 'create-type': string } };
    'virtual-size': number;
  };
  expect(info['format-specific'].data['create-type']).toBe('streamOptimized');
  await runQemuImg(['compare', '-f', sourceFormat, '-F', 'vmdk', source, vmdk], { signal });
  const ovfPath = join(out, names[0] as string);
  await execa('xmllint', ['--noout', ovfPath]);
  const xpaths = (await readFile(REQUIRED, 'utf8')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  for (const xpath of xpaths) {
    const result = await execa('xmllint', ['--xpath', `boolean(${xpath})`, ovfPath], { reject: false });
    expect(result.stdout, xpath).toBe('true');
  }
  const ovf = await readFile(ovfPath, 'utf8');
  expect(ovf).toContain(`ovf:capacity="${info['virtual-size']}"`);
  // VMware requires each Item's rasd children in alphabetical order.
  for (const [, body] of ovf.matchAll(/<Item>([\s\S]*?)<\/Item>/g)) {
    const keys = [...(body as string).matchAll(/<rasd:(\w+)>/g)].map((m) => m[1] as string);
    expect(keys).toEqual([...keys].sort());
  }
  await rm(out, { recursive: true });
  return ovf;
}
