// Packer 1.6.6 fixers as Kiln applies them: rewrites, one change per deprecated key, key order kept.
import { describe, expect, it } from 'vitest';
import { FIXERS, FixError, fixTemplate, fixTemplateText } from '../../src/fix/index.js';

const fixBuilder = (builder: Record<string, unknown>) => {
  const { value, changes } = fixTemplate({ builders: [builder] } as never);
  return { builder: (value as { builders: Record<string, unknown>[] }).builders[0], changes };
};

describe('fixTemplate', () => {
  it('runs the fixers in Packer 1.6.6 order', () => {
    expect(FIXERS.map((f) => f.name).slice(0, 3)).toEqual(['iso-md5', 'createtime', 'virtualbox-gaattach']);
    expect(FIXERS.at(-1)?.name).toBe('proxmox-type');
    expect(FIXERS).toHaveLength(34);
  });

  it.each([
    [{ iso_checksum_type: 'sha256', iso_checksum: 'abc' }, 'sha256:abc'],
    [{ iso_checksum_url: 'http://x/SUMS', iso_checksum_type: 'sha256' }, 'file:http://x/SUMS'],
    [{ iso_checksum_type: 'none' }, 'none'],
    [{ iso_md5: 'abc' }, 'md5:abc'],
  ])('rewrites %j to iso_checksum %s', (input, expected) => {
    const { builder, changes } = fixBuilder({ type: 'qemu', ...input });
    expect(builder).toEqual({ type: 'qemu', iso_checksum: expected });
    expect(changes.map((c) => c.key).sort()).toEqual(
      Object.keys(input)
        .filter((k) => k !== 'iso_checksum')
        .sort(),
    );
  });

  it('renames in place, keeping key order, and lets an existing modern key win', () => {
    const { builder } = fixBuilder({ type: 'qemu', ssh_wait_timeout: '5m', ssh_key_path: 'k', vm_name: 'v' });
    expect(Object.keys(builder ?? {})).toEqual(['type', 'ssh_timeout', 'ssh_private_key_file', 'vm_name']);
    const both = fixBuilder({ type: 'qemu', ssh_timeout: '1m', ssh_wait_timeout: '5m' });
    expect(both.builder).toEqual({ type: 'qemu', ssh_timeout: '1m' });
  });

  it('maps qemu host ports, number disk sizes and ssh_disable_agent', () => {
    const { builder, changes } = fixBuilder({
      type: 'qemu',
      ssh_host_port_min: 2222,
      ssh_host_port_max: 4444,
      disk_size: 10240,
      ssh_disable_agent: true,
    });
    expect(builder).toEqual({
      type: 'qemu',
      host_port_min: 2222,
      host_port_max: 4444,
      disk_size: '10240M',
      ssh_disable_agent_forwarding: true,
    });
    expect(changes.find((c) => c.key === 'disk_size')?.deprecated).toBe(false);
  });

  it('fixes other builder types and post-processors in every form', () => {
    const { value } = fixTemplate({
      builders: [
        { type: 'hyperv-iso', cpu: 2, ram_size: 1024 },
        { type: 'virtualbox', guest_additions_attach: true },
      ],
      'post-processors': [
        [{ type: 'manifest', filename: 'm.json' }],
        { type: 'vagrant', aws: { a: 1 } },
        'compress',
      ],
    });
    expect(value).toEqual({
      builders: [
        { type: 'hyperv-iso', cpus: 2, memory: 1024 },
        { type: 'virtualbox-iso', guest_additions_mode: 'attach' },
      ],
      'post-processors': [
        [{ type: 'manifest', output: 'm.json' }],
        { type: 'vagrant', override: { aws: { a: 1 } } },
        'compress',
      ],
    });
  });

  it('fails like Packer on a value it cannot rewrite', () => {
    expect(() => fixTemplate({ builders: [{ type: 'amazon-ebs', ssh_private_ip: 'maybe' }] })).toThrow(
      FixError,
    );
  });
});

describe('fixTemplateText', () => {
  it('returns the source unchanged when nothing is deprecated', () => {
    const source = '{\n    "builders": [ { "type": "qemu" } ]\n}\n';
    expect(fixTemplateText('t.json', source)).toEqual({ text: source, changes: [] });
  });

  it('keeps key order and the 4-space indentation of the file', () => {
    const source =
      '{\n    "variables": {"b": "1", "a": "2"},\n    "builders": [\n        {"type": "qemu", "iso_checksum": "x", "iso_checksum_type": "md5", "vm_name": "v"}\n    ]\n}\n';
    const { text } = fixTemplateText('t.json', source);
    expect(text).toBe(
      '{\n    "variables": {\n        "b": "1",\n        "a": "2"\n    },\n    "builders": [\n        {\n            "type": "qemu",\n            "iso_checksum": "md5:x",\n            "vm_name": "v"\n        }\n    ]\n}\n',
    );
  });
});
