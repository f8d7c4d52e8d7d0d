// The QEMU builder's extra media and devices with a FakeQemuDriver: create-cd, create-floppy, prepare-efivars,
// start-tpm, and what start-vm attaches; each cleanup undoes its step.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCd, createFloppy } from '../../src/builders/qemu/steps/create-media.js';
import { prepareEfivars } from '../../src/builders/qemu/steps/prepare-efivars.js';
import { renameArtifacts } from '../../src/builders/qemu/steps/rename-artifacts.js';
import { startTpm } from '../../src/builders/qemu/steps/start-tpm.js';
import { aborted, runAndCleanUp, useStepHarness } from './qemu-step-harness.js';

const harness = useStepHarness();
const never = new AbortController().signal;

async function withWorkDir(dir: string): Promise<string> {
  const work = join(dir, 'work');
  await mkdir(work);
  return work;
}

describe('create-cd', () => {
  it('stages cd_files and cd_content, makes the ISO with the label, and its cleanup removes both', async () => {
    // The harness makes the temporary directory; a second one gets a config that points into the first.
    const { dir } = harness();
    await mkdir(join(dir, 'seed'));
    await writeFile(join(dir, 'seed', 'meta-data'), '');
    const { ctx: configured, driver } = harness({
      config: {
        cd_files: [join(dir, 'seed/')],
        cd_content: { 'user-data': '#cloud-config' },
        cd_label: 'cidata',
      },
      state: { workDir: await withWorkDir(dir) },
    });
    const step = createCd();
    await step.run(configured, never);
    const iso = join(dir, 'work', 'cd.iso');
    expect(driver.calls).toEqual([
      { method: 'makeIso', source: join(dir, 'work', 'cd'), label: 'cidata', output: iso },
    ]);
    expect(configured.state.cdPath).toBe(iso);
    expect(await readFile(join(dir, 'work', 'cd', 'user-data'), 'utf8')).toBe('#cloud-config');
    expect(existsSync(join(dir, 'work', 'cd', 'meta-data'))).toBe(true);
    await step.cleanup?.(configured, { outcome: 'success', signal: never });
    expect(existsSync(iso)).toBe(false);
    expect(existsSync(join(dir, 'work', 'cd'))).toBe(false);
  });

  it('fails naming cd_files when a glob matches nothing, and cleans up what it staged', async () => {
    const { dir } = harness();
    const work = await withWorkDir(dir);
    const { ctx: configured, driver } = harness({
      config: { cd_files: [join(dir, '*.none')] },
      state: { workDir: work },
    });
    const error = await runAndCleanUp(createCd(), configured, 'failed');
    expect(String(error)).toMatch(/cd_files: '.*\*\.none' matches no file/);
    expect(driver.calls).toEqual([]);
    expect(existsSync(join(work, 'cd'))).toBe(false);
    expect(configured.state.cdPath).toBeUndefined();
  });

  it('stops when cancelled before the image is made', async () => {
    const { dir } = harness();
    const { ctx, driver } = harness({
      config: { cd_content: { a: 'b' } },
      state: { workDir: await withWorkDir(dir) },
    });
    const error = await runAndCleanUp(createCd(), ctx, 'cancelled', aborted());
    expect(error).toBeDefined();
    expect(ctx.state.cdPath).toBeUndefined();
    expect(driver.calls).toEqual([]);
    expect(existsSync(join(dir, 'work', 'cd'))).toBe(false);
  });
});

describe('create-floppy', () => {
  it('stages the files flat, makes a floppy with the default label packer; cleanup removes it', async () => {
    const { dir } = harness();
    await writeFile(join(dir, 'ks.cfg'), 'text');
    const { ctx, driver } = harness({
      config: { floppy_files: [join(dir, 'ks.cfg')], floppy_content: { 'b.txt': 'b' } },
      state: { workDir: await withWorkDir(dir) },
    });
    const step = createFloppy();
    await step.run(ctx, never);
    const image = join(dir, 'work', 'floppy.img');
    expect(driver.calls).toEqual([
      { method: 'makeFloppy', source: join(dir, 'work', 'floppy'), label: 'packer', output: image },
    ]);
    expect(ctx.state.floppyPath).toBe(image);
    await step.cleanup?.(ctx, { outcome: 'failed', signal: never });
    expect(existsSync(image)).toBe(false);
  });

  it('refuses files that cannot fit before making anything', async () => {
    const { dir } = harness();
    await writeFile(join(dir, 'big.iso'), Buffer.alloc(2_000_000));
    const { ctx, driver } = harness({
      config: { floppy_files: [join(dir, 'big.iso')] },
      state: { workDir: await withWorkDir(dir) },
    });
    const error = await runAndCleanUp(createFloppy(), ctx, 'failed');
    expect(String(error)).toMatch(
      /floppy_files\/floppy_dirs\/floppy_content: .*do not fit on a 1\.44 MB floppy/,
    );
    expect(driver.calls).toEqual([]);
  });
});

describe('prepare-efivars', () => {
  it('copies the variable store beside the disk; rename-artifacts ships it as efivars.fd', async () => {
    const { dir } = harness();
    await writeFile(join(dir, 'CODE.fd'), 'code');
    await writeFile(join(dir, 'VARS.fd'), 'vars');
    const output = join(dir, 'output');
    await mkdir(output);
    const { ctx } = harness({
      config: { efi_firmware_code: join(dir, 'CODE.fd'), efi_firmware_vars: join(dir, 'VARS.fd') },
      state: { outputDir: output },
    });
    expect(ctx.config.machineType).toBe('q35');
    await prepareEfivars().run(ctx, never);
    expect(ctx.state.efivarsPath).toBe(join(output, 'efivars.fd.kiln-partial'));
    expect(await readFile(join(output, 'efivars.fd.kiln-partial'), 'utf8')).toBe('vars');
    await writeFile(join(output, 'disk.kiln-partial'), 'disk');
    ctx.state.diskPath = join(output, 'disk.kiln-partial');
    ctx.state.finalDiskPaths = [join(output, 'disk')];
    await renameArtifacts().run(ctx, never);
    expect(ctx.state.artifactFiles).toEqual([join(output, 'disk'), join(output, 'efivars.fd')]);
  });

  it('removes its copy when the build fails, and names the missing firmware file and the fix', async () => {
    const { dir } = harness();
    await writeFile(join(dir, 'VARS.fd'), 'vars');
    await writeFile(join(dir, 'CODE.fd'), 'code');
    const output = join(dir, 'output');
    await mkdir(output);
    const ok = harness({
      config: { efi_firmware_code: join(dir, 'CODE.fd'), efi_firmware_vars: join(dir, 'VARS.fd') },
      state: { outputDir: output },
    });
    await runAndCleanUp(prepareEfivars(), ok.ctx, 'failed');
    expect(existsSync(join(output, 'efivars.fd.kiln-partial'))).toBe(false);
    const missing = harness({
      config: { efi_firmware_code: join(dir, 'nope.fd'), efi_firmware_vars: join(dir, 'VARS.fd') },
      state: { outputDir: output },
    });
    const error = await runAndCleanUp(prepareEfivars(), missing.ctx, 'failed');
    expect(String(error)).toMatch(/efi_firmware_code: cannot read the UEFI firmware file .*nope\.fd/);
  });

  it('drops efivars.fd from the artifact with efi_drop_efivars', async () => {
    const { dir } = harness();
    await writeFile(join(dir, 'VARS.fd'), 'vars');
    await writeFile(join(dir, 'CODE.fd'), 'code');
    const output = join(dir, 'output');
    await mkdir(output);
    const { ctx } = harness({
      config: {
        efi_boot: true,
        efi_firmware_code: join(dir, 'CODE.fd'),
        efi_firmware_vars: join(dir, 'VARS.fd'),
        efi_drop_efivars: true,
      },
      state: { outputDir: output },
    });
    await prepareEfivars().run(ctx, never);
    await writeFile(join(output, 'disk.kiln-partial'), 'disk');
    ctx.state.diskPath = join(output, 'disk.kiln-partial');
    ctx.state.finalDiskPaths = [join(output, 'disk')];
    await renameArtifacts().run(ctx, never);
    expect(ctx.state.artifactFiles).toEqual([join(output, 'disk')]);
    expect(existsSync(join(output, 'efivars.fd.kiln-partial'))).toBe(false);
  });
});

describe('start-tpm', () => {
  it('starts a TPM 2.0 in the work dir and its cleanup stops it', async () => {
    const { dir } = harness();
    const { ctx, driver } = harness({ config: { vtpm: true }, state: { workDir: await withWorkDir(dir) } });
    const step = startTpm();
    await step.run(ctx, never);
    expect(driver.calls).toEqual([{ method: 'startTpm', workDir: join(dir, 'work'), tpm1: false }]);
    expect(ctx.state.tpm?.socket).toBe(join(dir, 'work', 'swtpm.sock'));
    await step.cleanup?.(ctx, { outcome: 'cancelled', signal: never });
    expect(driver.tpms[0]?.stopped).toBe(true);
  });

  it('refuses use_tpm1 without vtpm, naming both keys', async () => {
    expect(() => harness({ config: { use_tpm1: true } })).toThrow(/use_tpm1 only applies with "vtpm": true/);
  });
});
