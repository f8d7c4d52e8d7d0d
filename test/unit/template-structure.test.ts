// Top-level template structure: root keys, builders, provisioners (shell, shell-local), post-processor chains.

import { describe, expect, it } from 'vitest';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate, renderRuntime } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function load(content: Record<string, unknown>, name = 't.json') {
  return loadTemplate(tmp.write(name, content), { cwd: tmp.dir() });
}

async function builds(content: Record<string, unknown>) {
  return resolveBuilds(await load(content));
}

describe('root keys', () => {
  it('rejects unknown root keys with a suggestion, and non-string comments', async () => {
    const error = await templateFailure(
      load({
        builders: [QEMU],
        provisioner: [],
        post_processors: [],
        _comment: 'ok',
        _bad: 1,
        description: 'd',
      }),
    );
    expect(error.message).toContain(
      "Unknown root level key in template: 'provisioner' (did you mean 'provisioners'?)",
    );
    expect(error.message).toContain(
      "Unknown root level key in template: 'post_processors' (did you mean 'post-processors'?)",
    );
    expect(error.message).toContain('root level comment "_bad" must be a string');
  });

  it('keeps description and comments', async () => {
    const t = await load({ builders: [QEMU], description: 'Debian', _comment: 'why' });
    expect([t.raw.description, t.raw.comments]).toEqual(['Debian', { _comment: 'why' }]);
  });

  it('requires at least one builder with a type, and unique names', async () => {
    expect((await templateFailure(load({}))).message).toContain('at least one builder must be defined');
    const error = await templateFailure(load({ builders: [QEMU, QEMU, { name: 'x' }] }));
    expect(error.message).toContain("builder 2: builder with name 'qemu' already exists");
    expect(error.message).toContain("builder 3: missing 'type'");
  });

  it('checks min_packer_version against 1.6.6', async () => {
    await expect(load({ builders: [QEMU], min_packer_version: '1.5.0' })).resolves.toBeDefined();
    // Checked when builds are prepared, as Packer does (so validate -syntax-only passes).
    const loaded = await load({ builders: [QEMU], min_packer_version: '1.7.0' });
    const error = await templateFailure(() => resolveBuilds(loaded));
    expect(error.message).toContain('This template requires Packer version 1.7.0 or higher');
  });

  it('loads .json5 templates', async () => {
    const file = tmp.write(
      't.json5',
      "{\n  // comment\n  builders: [{type: 'qemu', iso_url: 'a.iso', iso_checksum: 'none', ssh_username: 'root', memory: 'x',}],\n}",
    );
    const error = await templateFailure(async () =>
      resolveBuilds(await loadTemplate(file, { cwd: tmp.dir() })),
    );
    expect(error.location).toMatchObject({ line: 3, column: 91, key: 'builders[0].memory' });
  });
});

describe('provisioners', () => {
  it('shell: Packer defaults, inline rendered at load with build-time values kept', async () => {
    const [build] = await builds({
      variables: { v: '1' },
      builders: [QEMU],
      provisioners: [
        {
          type: 'shell',
          inline: ['echo {{user `v`}} {{build `Host`}} {{ .Foo }}'],
          pause_before: '5s',
          max_retries: '2',
        },
      ],
    });
    const p = build?.provisioners[0];
    expect(p).toMatchObject({ type: 'shell', pauseBeforeMs: 5000, maxRetries: 2, applies: true });
    expect(p?.config).toMatchObject({
      inline: ['echo 1 {{build `Host`}} {{ .Foo }}'],
      scripts: [],
      executeCommand: 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}',
      inlineShebang: undefined,
      remoteFolder: '/tmp',
      validExitCodes: [0],
      startRetryTimeoutMs: 300_000,
      expectDisconnect: false,
      skipClean: false,
      binary: false,
      envVarFormat: "%s='%s' ",
    });
    expect(p?.config.type === 'shell' && p.config.remotePath).toMatch(/^\/tmp\/script_\d+\.sh$/);
  });

  it('shell: scripts must exist relative to the working directory', async () => {
    tmp.write('setup.sh', 'echo hi');
    const [build] = await builds({
      builders: [QEMU],
      provisioners: [{ type: 'shell', script: 'setup.sh', use_env_var_file: true }],
    });
    expect(build?.provisioners[0]?.config).toMatchObject({
      scripts: ['setup.sh'],
      executeCommand: 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}',
    });
    const error = await templateFailure(
      builds({ builders: [QEMU], provisioners: [{ type: 'shell', scripts: ['setup.sh', 'gone.sh'] }] }),
    );
    expect(error.message).toMatch(/\(provisioners\[0\]\.scripts\[1\]\): script file not found: gone\.sh$/);
  });

  it('shell: inline/script rules and environment_vars format', async () => {
    const error = await templateFailure(
      builds({
        builders: [QEMU],
        provisioners: [
          { type: 'shell' },
          { type: 'shell', inline: ['a'], environment_vars: ['OK=1', 'BROKEN'] },
        ],
      }),
    );
    expect(error.message).toContain('Either a script file or inline script must be specified.');
    expect(error.message).toContain(
      "provisioners[1].environment_vars[1]: Environment variable not in format 'key=value': BROKEN",
    );
  });

  it('shell-local: defaults and one-of rule', async () => {
    const [build] = await builds({
      builders: [QEMU],
      provisioners: [{ type: 'shell-local', command: 'date' }],
    });
    expect(build?.provisioners[0]?.config).toMatchObject({
      type: 'shell-local',
      inline: ['date'],
      executeCommand: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'],
      inlineShebang: '/bin/sh -e',
    });
    const error = await templateFailure(
      builds({ builders: [QEMU], provisioners: [{ type: 'shell-local', command: 'a', inline: ['b'] }] }),
    );
    expect(error.message).toContain(
      'You may only specify one of the following options: Command, Inline, Script or Scripts',
    );
  });

  it('applies overrides per build and keeps only/except', async () => {
    const result = await builds({
      builders: [QEMU, { ...QEMU, name: 'other' }],
      provisioners: [
        { type: 'shell', inline: ['a'], only: ['other'], override: { other: { inline: ['b'] } } },
      ],
    });
    const [first, second] = result.map((b) => b.provisioners[0]);
    expect([first?.applies, second?.applies]).toEqual([false, true]);
    expect(second?.config).toMatchObject({ inline: ['b'] });
    expect(second?.only).toEqual(['other']);
  });

  it('validates only/except/override names and unknown types', async () => {
    const error = await templateFailure(
      builds({
        builders: [QEMU],
        provisioners: [
          { type: 'shell', inline: ['a'], only: ['qemuu'], except: ['qemu'] },
          { type: 'shell', inline: ['a'], override: { nope: {} } },
        ],
      }),
    );
    expect(error.message).toContain("only one of 'only' or 'except' may be specified");
    expect(error.message).toContain("'only' specified builder 'qemuu' not found (did you mean 'qemu'?)");
    expect(error.message).toContain("override 'nope' doesn't exist");
    // Type problems come from resolveBuilds, once the template structure is sound.
    const types = await templateFailure(
      builds({ builders: [QEMU], provisioners: [{ type: 'shel' }, { type: 'chef-solo' }] }),
    );
    expect(types.message).toContain("unknown provisioner type 'shel' (did you mean 'shell'?)");
    expect(types.message).toContain("provisioner type 'chef-solo' is not implemented by Kiln yet");
  });
});

describe('post-processors', () => {
  it('accepts string, object and chain forms', async () => {
    const [build] = await builds({
      builders: [QEMU],
      'post-processors': [
        { type: 'convert', format: 'vmdk', keep_input_artifact: true },
        [
          { type: 'convert', format: 'vhdx', vhd_subformat: 'fixed', output: '{{ .Name }}.vhdx' },
          { type: 'shell-local', inline: ['ls'] },
        ],
      ],
    });
    const [single] = build?.postProcessors[0] ?? [];
    const [convert, local] = build?.postProcessors[1] ?? [];
    expect(single).toMatchObject({
      type: 'convert',
      keepInputArtifact: true,
      config: { formats: ['vmdk'], vmdkSubformat: 'streamOptimized' },
    });
    expect(convert?.config).toMatchObject({
      formats: ['vhdx'],
      vhdSubformat: 'fixed',
      output: '{{ .Name }}.vhdx',
    });
    expect(local).toMatchObject({ type: 'shell-local', name: 'shell-local', keepInputArtifact: undefined });
  });

  it('reports nested chains, missing types and bad convert options', async () => {
    const error = await templateFailure(
      builds({
        builders: [QEMU],
        'post-processors': [[['convert']], { name: 'x' }],
      }),
    );
    expect(error.message).toContain('post-processors[0][0]: sequence not allowed to be nested in a sequence');
    expect(error.message).toContain('post-processors[1]: post-processor type is required');
    const types = await templateFailure(
      builds({ builders: [QEMU], 'post-processors': [{ type: 'convert', format: 'vdx' }, 'artifice'] }),
    );
    expect(types.message).toContain("format must be one of vmdk, raw, vhd, vhdx, vdi, qcow2; found 'vdx'");
    expect(types.message).toContain("post-processor type 'artifice' is not implemented by Kiln yet");
  });
});

describe('convert options', () => {
  it('takes several formats as a list or a comma-separated string', async () => {
    const [build] = await builds({
      builders: [QEMU],
      'post-processors': [
        { type: 'convert', format: ['vmdk', 'vhdx'], output: 'out/disk.{{ .Format }}' },
        { type: 'convert', format: 'qcow2,vdi', disk_compression: true },
      ],
    });
    expect(build?.postProcessors[0]?.[0]?.config).toMatchObject({ formats: ['vmdk', 'vhdx'] });
    expect(build?.postProcessors[1]?.[0]?.config).toMatchObject({
      formats: ['qcow2', 'vdi'],
      diskCompression: true,
    });
  });

  it('refuses an output without {{.Format}} for several formats, and options for formats not asked for', async () => {
    const error = await templateFailure(
      builds({
        builders: [QEMU],
        'post-processors': [
          { type: 'convert', format: ['vmdk', 'vhdx'], output: 'disk.img' },
          { type: 'convert', format: 'vmdk', disk_compression: true, vhd_subformat: 'fixed' },
        ],
      }),
    );
    expect(error.message).toContain('with several formats, output must contain {{.Format}}');
    expect(error.message).toContain("disk_compression only applies to format 'qcow2' (format is vmdk)");
    expect(error.message).toContain(
      "vhd_subformat only applies to formats 'vhd' and 'vhdx' (format is vmdk)",
    );
  });
});

describe('renderRuntime', () => {
  it('fills run-time data into strings kept at load, with user variables and functions', async () => {
    const t = await load({
      variables: { host: 'h' },
      builders: [
        { ...QEMU, boot_command: ['url={{ .HTTPIP }}:{{ .HTTPPort }}/{{user `host`}} {{ build_name }}'] },
      ],
    });
    const [build] = resolveBuilds(t);
    const text = renderRuntime(
      build?.config.bootSteps[0]?.command ?? '',
      { HTTPIP: '10.0.2.2', HTTPPort: 8123 },
      { template: t, buildName: 'qemu' },
    );
    expect(text).toBe('url=10.0.2.2:8123/h qemu');
    expect(() => renderRuntime('{{ .Path }}', { Vars: '' }, { template: t })).toThrow(/unknown field \.Path/);
  });

  it('renders again when a user variable holds a run-time action (as Packer does)', async () => {
    const t = await load({ variables: { url: 'http://{{ .HTTPIP }}/ks.cfg' }, builders: [QEMU] });
    expect(renderRuntime('ks={{user `url`}}', { HTTPIP: '10.0.2.2' }, { template: t })).toBe(
      'ks=http://10.0.2.2/ks.cfg',
    );
  });
});
