// QemuConfig: Packer 1.6.6 defaults, weak-typed coercion, units, validation rules, unknown keys.

import { describe, expect, it } from 'vitest';
import type { QemuConfig } from '../../src/builders/qemu/config/qemu-config.js';
import { resolveBuilds, resolveBuildsWithWarnings } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function qemu(
  options: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<QemuConfig> {
  const file = tmp.write('t.json', { builders: [{ ...QEMU, ...options }], ...extra });
  const [build] = resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() }));
  if (!build) throw new Error('no build');
  return build.config;
}

async function problems(options: Record<string, unknown>) {
  const file = tmp.write('t.json', { builders: [{ ...QEMU, ...options }] });
  return templateFailure(async () => resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() })));
}

describe('defaults', () => {
  it('match Packer 1.6.6 (with Kiln accelerator auto)', async () => {
    const c = await qemu({});
    expect(c).toMatchObject({
      name: 'qemu',
      isoUrls: ['debian.iso'],
      isoChecksum: 'none',
      isoTargetExtension: 'iso',
      diskSize: '40960M',
      diskSizeMiB: 40960,
      diskSizeBytes: 40960 * 1024 * 1024,
      format: 'qcow2',
      diskInterface: 'virtio',
      diskCache: 'writeback',
      diskDiscard: 'ignore',
      diskDetectZeroes: 'off',
      skipCompaction: false,
      diskCompression: false,
      accelerator: 'auto',
      machineType: 'pc',
      memory: 512,
      cpus: 1,
      netDevice: 'virtio-net',
      headless: false,
      display: undefined,
      qemuBinary: 'qemu-system-x86_64',
      qemuargs: [],
      vncBindAddress: '127.0.0.1',
      vncPortMin: 5900,
      vncPortMax: 6000,
      hostPortMin: 2222,
      hostPortMax: 4444,
      httpPortMin: 8000,
      httpPortMax: 9000,
      httpBindAddress: undefined,
      bootWaitMs: 10_000,
      bootSteps: [],
      bootKeyIntervalMs: undefined,
      communicator: 'ssh',
      sshPort: 22,
      sshTimeoutMs: 300_000,
      sshHandshakeAttempts: 10,
      sshKeepAliveIntervalMs: 5000,
      sshFileTransferMethod: 'scp',
      shutdownCommand: '',
      shutdownTimeoutMs: 300_000,
      outputDirectory: 'output-qemu',
      vmName: 'packer-qemu',
      qmpEnable: false,
      qmpSocketPath: undefined,
    });
  });

  it('names output_directory and vm_name after the build name', async () => {
    const c = await qemu({ name: 'debian-12' });
    expect([c.name, c.outputDirectory, c.vmName]).toEqual([
      'debian-12',
      'output-debian-12',
      'packer-debian-12',
    ]);
  });

  it('follows v1.6.6: ssh_timeout and ssh_handshake_attempts default independently', async () => {
    const c = await qemu({ ssh_timeout: '20m' });
    expect([c.sshTimeoutMs, c.sshHandshakeAttempts]).toEqual([1_200_000, 10]);
  });
});

describe('weak typing and units', () => {
  it.each([
    [
      { memory: '2048', cpus: '2' },
      { memory: 2048, cpus: 2 },
    ],
    [{ memory: 4 }, { memory: 512 }],
    [
      { headless: 'true', disk_compression: 1, disk_image: 'f' },
      { headless: true, diskCompression: true, diskImage: false },
    ],
    [{ vm_name: 42 }, { vmName: '42' }],
    [
      { boot_wait: '1m30s', shutdown_timeout: '90s', boot_key_interval: '10ms' },
      { bootWaitMs: 90_000, shutdownTimeoutMs: 90_000, bootKeyIntervalMs: 10 },
    ],
    [{ boot_wait: '-1s' }, { bootWaitMs: -1000 }],
    // `kiln fix` renames it in JSON (an existing ssh_timeout wins); HCL2 keeps it and the SDK's rule applies.
    [{ ssh_wait_timeout: '7m' }, { sshTimeoutMs: 420_000 }],
    [{ ssh_wait_timeout: '7m', ssh_timeout: '1m' }, { sshTimeoutMs: 60_000 }],
    [{ boot_wait: '0s' }, { bootWaitMs: 10_000 }],
    [{ disk_size: 4096 }, { diskSize: '4096M', diskSizeMiB: 4096 }],
    [{ disk_size: '10G' }, { diskSize: '10G', diskSizeMiB: 10240 }],
    [{ disk_size: '512k' }, { diskSize: '512k', diskSizeMiB: 0.5 }],
    [{ iso_urls: 'a.iso,b.iso', iso_url: '' }, { isoUrls: ['a.iso', 'b.iso'] }],
    [
      { boot_command: ['<esc>', 'linux {{ .HTTPIP }}', '<enter>'] },
      { bootSteps: [{ command: '<esc>linux {{ .HTTPIP }}<enter>', description: '' }] },
    ],
    [
      { boot_steps: [['<esc><wait>', 'leave the menu'], ['linux {{ .HTTPIP }}<enter>'], []] },
      {
        bootSteps: [
          { command: '<esc><wait>', description: 'leave the menu' },
          { command: 'linux {{ .HTTPIP }}<enter>', description: '' },
        ],
      },
    ],
    [
      {
        qemuargs: [
          ['-m', '{{ .Name }}'],
          ['--no-acpi', ''],
        ],
      },
      {
        qemuargs: [
          ['-m', '{{ .Name }}'],
          ['--no-acpi', ''],
        ],
      },
    ],
    [
      { format: 'raw', disk_compression: true },
      { format: 'raw', skipCompaction: true, diskCompression: false },
    ],
    [{ skip_nat_mapping: true }, { sshHost: '127.0.0.1' }],
    [
      { ssh_host_port_min: 3000, ssh_host_port_max: 3001 },
      { hostPortMin: 3000, hostPortMax: 3001 },
    ],
    [
      { qemu_img_args: { convert: ['-o', 'compat=1.1'] } },
      { qemuImgArgs: { convert: ['-o', 'compat=1.1'], create: [], resize: [] } },
    ],
    [{ communicator: 'none', ssh_username: '' }, { communicator: 'none' }],
    [
      { iso_skip_cache: true, iso_checksum: '' },
      { isoChecksum: 'none', isoSkipCache: true },
    ],
  ])('%j', async (options, expected) => {
    expect(await qemu(options)).toMatchObject(expected);
  });

  it('renders user variables and build_name before coercing', async () => {
    const c = await qemu(
      {
        name: 'deb',
        memory: '{{user `mem`}}',
        vm_name: '{{build_name}}-{{user `mem`}}',
        shutdown_command: 'echo {{ .Foo }}',
      },
      { variables: { mem: '1024' } },
    );
    expect([c.memory, c.vmName, c.shutdownCommand]).toEqual([1024, 'deb-1024', 'echo {{ .Foo }}']);
  });

  it('warns about deprecated aliases and checksum none', async () => {
    const file = tmp.write('t.json', { builders: [{ ...QEMU, ssh_wait_timeout: '1m' }] });
    const { builds, warnings } = resolveBuildsWithWarnings(await loadTemplate(file, { cwd: tmp.dir() }));
    expect(builds[0]?.config.sshTimeoutMs).toBe(60_000);
    expect(warnings.join('\n')).toMatch(
      /ssh_wait_timeout: 'ssh_wait_timeout' is deprecated; read as 'ssh_timeout': "1m"/,
    );
    expect(warnings.join('\n')).toMatch(/a checksum of 'none'/);
  });
});

describe('problems', () => {
  it('are all reported at once, each with file:line:col, key path, expected and found', async () => {
    const file = tmp.write(
      't.json',
      '{\n  "builders": [{\n    "type": "qemu",\n    "iso_url": "a.iso",\n    "iso_checksum": "none",\n    "memory": "lots",\n    "headless": "yes",\n    "boot_wait": "10",\n    "disk_size": "10 GB",\n    "disk_sizee": "1G"\n  }]\n}\n',
    );
    const error = await templateFailure(async () =>
      resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() })),
    );
    const text = error.message;
    expect(error.problems).toHaveLength(6);
    expect(text).toContain('t.json: 6 errors occurred');
    expect(text).toContain(`${file}:6:5: builders[0].memory: expected an integer, found string "lots"`);
    expect(text).toContain(
      `${file}:7:5: builders[0].headless: expected a boolean (true/false), found string "yes"`,
    );
    expect(text).toContain(
      `${file}:8:5: builders[0].boot_wait: expected a Go duration such as "10s" or "1m30s", found string "10"`,
    );
    expect(text).toContain(`${file}:9:5: builders[0].disk_size: invalid disk size '10 GB'`);
    expect(text).toContain(
      `${file}:10:5: builders[0].disk_sizee: unknown configuration key: 'disk_sizee' (did you mean 'disk_size'?)`,
    );
    expect(text).toContain(`${file}:2:16: builders[0].ssh_username: an ssh_username must be specified`);
  });

  it('accepts WinRM options beside the SSH communicator with a warning each, as Packer ignores them', async () => {
    const file = tmp.write('t.json', {
      builders: [{ ...QEMU, winrm_password: 'vagrant', winrm_timeout: '1h', winrm_use_ssl: true }],
    });
    const { builds, warnings } = resolveBuildsWithWarnings(await loadTemplate(file, { cwd: tmp.dir() }));
    expect(builds).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/winrm_password has no effect: the communicator is 'ssh'/);
    expect(warnings.filter((w) => w.includes('has no effect'))).toHaveLength(3);
  });

  it('accepts use_pflash without firmware with a warning, as the plugin ignores it there', async () => {
    const file = tmp.write('t.json', { builders: [{ ...QEMU, use_pflash: true }] });
    const { builds, warnings } = resolveBuildsWithWarnings(await loadTemplate(file, { cwd: tmp.dir() }));
    expect(builds).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/use_pflash has no effect without firmware/);
  });

  it('a single problem puts its location in the error itself', async () => {
    const error = await problems({ memroy: 1 });
    expect(error.location).toMatchObject({ key: 'builders[0].memroy', line: 8, column: 7 });
    expect(error.message).toMatch(
      /\(builders\[0\]\.memroy\): unknown configuration key: 'memroy' \(did you mean 'memory'\?\)$/,
    );
  });

  it.each([
    [{ format: 'vmdk' }, "(builders[0].format): expected one of 'qcow2', 'raw', found 'vmdk'"],
    [{ accelerator: 'kvmm' }, "expected one of 'auto', 'none', 'kvm'"],
    [{ disk_interface: 'sata' }, "found 'sata'"],
    [{ iso_url: '', iso_urls: [] }, 'One of iso_url or iso_urls must be specified'],
    [{ iso_urls: ['b.iso'] }, 'Only one of iso_url or iso_urls must be specified'],
    [{ iso_checksum: '' }, 'A checksum must be specified'],
    [{ iso_checksum: 'file.iso' }, '.iso is not a valid checksum ending'],
    [
      { use_backing_file: true },
      'use_backing_file can only be enabled for QCOW2 images and when disk_image is true',
    ],
    [{ skip_resize_disk: true }, 'skip_resize_disk can only be used when disk_image is true'],
    [{ vnc_port_min: 5000, vnc_port_max: 5100 }, 'vnc_port_min (5000) cannot be below 5900'],
    [
      { host_port_min: 5000, host_port_max: 4000 },
      'host_port_min (5000) must be less than host_port_max (4000)',
    ],
    [{ vnc_password: '123456789' }, 'VNC passwords are at most 8 characters'],
    [{ disable_vnc: true, boot_command: ['x'] }, 'A boot command cannot be used when vnc is disabled.'],
    [{ communicator: 'winrm' }, "communicator 'winrm' is not supported by Kiln"],
    [{ ssh_private_key_file: 'missing_key' }, 'ssh_private_key_file is invalid: missing_key'],
    [{ floppy_files: ['nope.cfg'] }, "Bad Floppy disk file 'nope.cfg'"],
    [{ http_directory: 'http' }, 'http_directory not found: http'],
    [{ net_bridge: 'br0' }, "'net_bridge' is not supported by Kiln: bridged networking is not implemented"],
    [{ run_once: true }, "'run_once' is not supported by Kiln: Packer 1.6.6 never read it"],
    [{ boot_keygroup_interval: '1s' }, "'boot_keygroup_interval' is not supported by Kiln"],
    [{ use_tpm1: true }, 'use_tpm1 only applies with "vtpm": true'],
    [{ sockets: -1 }, 'sockets must be 0 or more'],
    [{ boot_steps: [['x']], boot_command: ['y'] }, 'boot_command and boot_steps cannot be used together'],
    [{ boot_steps: [['x', 'd', 'extra']] }, 'a boot step is [command] or [command, description]'],
    [{ boot_steps: [['<wait>'], ['<wait0>']] }, '(builders[0].boot_steps[1]):'],
    [{ disable_vnc: true, boot_steps: [['x']] }, 'A boot command cannot be used when vnc is disabled.'],
    [{ ssh_proxy_host: 'p' }, "'ssh_proxy_host' is not supported by Kiln"],
    [{ ssh_bastion_host: 'b' }, 'ssh_bastion_password or ssh_bastion_private_key_file must be specified'],
    [{ ssh_bastion_host: 'b', ssh_bastion_password: 'x' }, 'an ssh_bastion_username must be specified'],
    [{ ssh_bastion_interactive: true }, "'ssh_bastion_interactive' is not supported by Kiln"],
    [{ ssh_certificate_file: 'c' }, "'ssh_certificate_file' is not supported by Kiln"],
    [{ temporary_key_pair_type: 'dsa' }, "temporary_key_pair_type 'dsa' is not supported by Kiln"],
    [{ temporary_key_pair_type: 'rsa', temporary_key_pair_bits: 512 }, 'at least 1024 bits'],
    [{ temporary_key_pair_type: 'ecdsa', temporary_key_pair_bits: 1024 }, 'must be one of 256, 384 or 521'],
    [
      { memory: '{{ usr `x` }}' },
      '(builders[0].memory): function "usr" not defined (did you mean "user"?) in {{ usr `x` }}',
    ],
    [
      { boot_command: ['<esc>', '{{ .HTTPIP | urlqury }}'] },
      '(builders[0].boot_command[1]): function "urlqury" not defined',
    ],
    [{ qemuargs: [['-name', '{{ .Name ']] }, '(builders[0].qemuargs[0][1]): unclosed action'],
    [{ shutdown_command: '{{ env `HOME` }}' }, 'env is only allowed in the default values of "variables"'],
  ])('%j', async (options, message) => {
    expect((await problems(options)).message).toContain(message);
  });

  it('rejects unknown builder types, naming the type', async () => {
    const file = tmp.write('t.json', {
      builders: [{ type: 'virtualbox-iso' }, { type: 'qemuu', name: 'x' }],
    });
    const error = await templateFailure(async () =>
      resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() })),
    );
    expect(error.message).toContain("unknown builder type 'virtualbox-iso'; Kiln implements only 'qemu'");
    expect(error.message).toContain("unknown builder type 'qemuu' (did you mean 'qemu'?)");
  });
});
