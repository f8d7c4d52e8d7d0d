// Every way a build can go wrong ends with a clear message, exit code 1, no QEMU, no open port and no
// partial artifact.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso } from './helpers/testos.js';
import { writeVariant } from './helpers/variant.js';

// This machine's KVM is missing or paravirtual: an explicit `accelerator: kvm` must fail fast, not hang.
const kvmBroken = !existsSync('/dev/kvm') || existsSync('/sys/module/kvm_pvm');

let dir: string;
let cacheDir: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-fail-'));
  cacheDir = join(dir, 'cache');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectCleanFailure(
  output: string,
  exitCode: number | undefined,
  outputDir: string,
): Promise<void> {
  expect(exitCode, output).toBe(1);
  expect(await expectNothingLeftBehind(output)).toEqual([]);
  expect(existsSync(outputDir), `${outputDir} should have been removed`).toBe(false);
}

describe('template errors', () => {
  it('names file, line and column of malformed JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{\n  "builders": [\n    { "type": "qemu", }\n  ]\n}\n');
    const run = await runKiln(['build', path]);
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain(`${path}:3:23`);
    expect(run.output).not.toMatch(/\n\s+at /); // no stack trace for a user error
  });

  it('rejects an unknown builder type by name', async () => {
    const path = await writeVariant(dir, 'vbox', (builder) => {
      builder.type = 'virtualbox-iso';
    });
    const run = await runKiln(['build', path]);
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain("unknown builder type 'virtualbox-iso'");
  });
});

describe('ISO failures stop before anything boots', () => {
  it('a wrong checksum', async () => {
    const out = join(dir, 'out-checksum');
    const run = await runKiln(
      [
        'build',
        '-var',
        `output_directory=${out}`,
        '-var',
        `iso_checksum=sha256:${'0'.repeat(64)}`,
        'templates/testos.json',
      ],
      {
        env: { KILN_CACHE_DIR: cacheDir },
      },
    );
    expect(run.output).toMatch(/checksum mismatch/i);
    expect(run.output).not.toContain('QEMU pid');
    await expectCleanFailure(run.output, run.exitCode, out);
  });

  it('an ISO URL that answers 404, leaving no partial download', async () => {
    const server: Server = createServer((_req, res) => res.writeHead(404).end('not here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const out = join(dir, 'out-404');
    try {
      const run = await runKiln(
        [
          'build',
          '-var',
          `output_directory=${out}`,
          '-var',
          `iso_url=http://127.0.0.1:${port}/missing.iso`,
          '-var',
          `iso_checksum=sha256:${'1'.repeat(64)}`,
          'templates/testos.json',
        ],
        { env: { KILN_CACHE_DIR: cacheDir } },
      );
      expect(run.output).toContain(`http://127.0.0.1:${port}/missing.iso`);
      expect(run.output).toContain('404');
      await expectCleanFailure(run.output, run.exitCode, out);
      const cached = existsSync(cacheDir) ? await readdir(cacheDir, { recursive: true }) : [];
      expect(cached.filter((f) => f.endsWith('.part') || f.endsWith('.iso'))).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe('VM failures', () => {
  it('an untyped boot command fails at ssh_timeout, saying the guest never called the HTTP server', async () => {
    const out = join(dir, 'out-untyped');
    const path = await writeVariant(dir, 'untyped', (builder) => {
      builder.boot_command = [];
      builder.ssh_timeout = '20s';
      builder.output_directory = out;
    });
    const run = await runKiln(['build', path]);
    expect(run.output).toMatch(/timed out after 20s waiting for SSH/);
    expect(run.output).toContain('never requested anything from the HTTP server');
    await expectCleanFailure(run.output, run.exitCode, out);
  });

  it('a VM that dies during boot fails within seconds with what the guest printed', async () => {
    const out = join(dir, 'out-dies');
    const path = await writeVariant(dir, 'dies', (builder) => {
      // The installer cannot fetch its config from port 1, says so on the console and powers off.
      builder.boot_command = ['<esc><wait>', 'install url=http://{{ .HTTPIP }}:1/install.cfg<enter>'];
      builder.ssh_timeout = '10m';
      builder.output_directory = out;
    });
    const started = Date.now();
    const run = await runKiln(['build', path]);
    expect(Date.now() - started).toBeLessThan(180_000);
    expect(run.output).toMatch(/the VM stopped/);
    expect(run.output).toContain('kiln-installer: FAILED');
    await expectCleanFailure(run.output, run.exitCode, out);
  });

  it.runIf(kvmBroken)(
    'an explicit KVM that cannot run the guest fails within seconds, saying so',
    async () => {
      const out = join(dir, 'out-kvm');
      const started = Date.now();
      const run = await runKiln([
        'build',
        '-var',
        `output_directory=${out}`,
        '-var',
        'accelerator=kvm',
        'templates/testos.json',
      ]);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(run.output).toMatch(/KVM|kvm/);
      expect(run.output).toMatch(/the VM stopped|QEMU failed to start/);
      await expectCleanFailure(run.output, run.exitCode, out);
    },
  );

  it('Ctrl-C in the middle of the install cleans up everything', async () => {
    const out = join(dir, 'out-interrupt');
    const run = await runKiln(['build', '-var', `output_directory=${out}`, 'templates/testos.json'], {
      interruptWhen: /HTTP GET \/install\.cfg -> 200/,
    });
    expect(run.output).toContain('Cleanly cancelled builds after being interrupted.');
    await expectCleanFailure(run.output, run.exitCode, out);
  });
});
