// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
// `kiln hcl2_upgrade` on what Kiln's templates use: boot-command placeholders kept, template_dir as path.root,
// shell `${}` escaped, provisioner timing in Go's duration spelling, post-processor chains, and its errors.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/flags.js';
import { hcl2UpgradeCli } from '../../src/cli/hcl2-upgrade-flags.js';
import { usage } from '../../src/cli/main.js';
import { runHcl2UpgradeCommand } from '../../src/commands/hcl2-upgrade.js';
import { parseHclFile } from '../../src/hcl/index.js';
import { Capture } from './cli-streams.js';
import { useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function upgrade(template: unknown, outputFile = 't.json.pkr.hcl') {
  tmp.write('t.json', template);
  const out = new Capture();
  const err = new Capture();
  const code = await runHcl2UpgradeCommand({
    templatePath: 't.json',
    outputFile,
    withAnnotations: false,
    cwd: tmp.dir(),
    out,
    err,
  });
  const text = code === 0 ? readFileSync(join(tmp.dir(), outputFile), 'utf8') : '';
  if (code === 0) parseHclFile(outputFile, text);
  return { code, text, out: out.text(), err: err.text() };
}

const qemu = (extra: object) => ({ builders: [{ type: 'qemu', ...extra }] });

describe('kiln hcl2_upgrade', () => {
  it('keeps build-time placeholders and maps template functions to HCL2', async () => {
    const { text } = await upgrade({
      variables: { mirror: 'https://deb.example', when: '{{isotime `2006`}}' },
      ...qemu({
        boot_command: ['url=http://{{ .HTTPIP }}:{{.HTTPPort}}/{{user `mirror`}}<enter>'],
        http_directory: '{{ template_dir }}/http',
        vm_name: 'img-{{timestamp}}-{{ env `USER` }}-{{ build_name }}',
      }),
    });
    expect(text).toContain('"url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/${var.mirror}<enter>"');
    expect(text).toContain('http_directory = "${path.root}/http"');
    expect(text).toContain('vm_name        = "img-${local.timestamp}-${env("USER")}-${build.name}"');
    expect(text).toContain('locals { timestamp = regex_replace(timestamp(), "[- TZ:]", "") }');
    expect(text).toContain('when = "${legacy_isotime("2006")}"');
  });

  it('escapes HCL2 interpolation the JSON meant literally', async () => {
    const { text } = await upgrade({
      ...qemu({}),
      provisioners: [{ type: 'shell', inline: ['echo ${HOME} %{x} "q" \\ done'] }],
    });
    expect(text).toContain('inline = ["echo $${HOME} %%{x} \\"q\\" \\\\ done"]');
  });

  it("writes provisioner options with Packer's spelling and post-processor chains as blocks", async () => {
    const { text } = await upgrade({
      ...qemu({ name: 'vm one' }),
      provisioners: [
        {
          type: 'shell',
          inline: ['true'],
          timeout: '5m',
          pause_before: '90s',
          max_retries: 2,
          only: ['vm one'],
        },
      ],
      'post-processors': [
        'compress',
        [
          { type: 'checksum', keep_input_artifact: true },
          { type: 'manifest', name: 'm' },
        ],
      ],
    });
    expect(text).toContain('source "qemu" "vm_one" {\n}');
    expect(text).toContain('sources = ["source.qemu.vm_one"]');
    expect(text).toContain(
      'max_retries  = "2"\n    only         = ["vm one"]\n    pause_before = "1m30s"\n    timeout      = "5m0s"',
    );
    expect(text).toContain(
      'post-processor "compress" {\n  }\n  post-processors {\n    post-processor "checksum" {\n      keep_input_artifact = true\n    }\n    post-processor "manifest" {\n      name = "m"\n    }\n  }',
    );
  });

  it('keeps a block it cannot upgrade, under a comment saying why', async () => {
    const { text, code } = await upgrade({
      ...qemu({}),
      provisioners: [
        { type: 'shell', inline: ['{{ if true }}x{{ end }}'] },
        { type: 'shell', inline: ['{{ nosuch `a` }}'] },
        { type: 'shell', inline: ['{{ user }}'] },
      ],
    });
    expect(code).toBe(0);
    expect(text).toContain(
      '# unhandled node type *parse.IfNode\n  provisioner "shell" {\n    inline = ["{{ if true }}x{{ end }}"]',
    );
    expect(text).toContain(
      '# could not parse template for following block: "template: hcl2_upgrade:2: function \\"nosuch\\" not defined"',
    );
    expect(text).toContain('at <user>: wrong number of args for user: want 1 got 0"');
  });

  it("prints what Packer's core would reject, and writes the file all the same", async () => {
    const result = await upgrade({
      variables: { token: null },
      ...qemu({}),
      provisioners: [{ type: 'shell', inline: ['true'], only: ['nope'] }],
    });
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      "t.json:17:9: provisioners[0].only[0]: 'only' specified builder 'nope' not found\n",
    );
    expect(result.err).toContain(
      'Ignoring following initialization error: required variable not set: token\n',
    );
    expect(result.text).toContain('variable "token" {\n  type = string\n}');
  });

  it('writes -output-file, creating its directory, and says so', async () => {
    const result = await upgrade(qemu({}), 'out/deep/x.pkr.hcl');
    expect(result).toMatchObject({ code: 0, out: 'Successfully created out/deep/x.pkr.hcl. Exit 0\n' });
  });

  it('refuses what Packer cannot load as a legacy JSON template, writing nothing', async () => {
    const result = await upgrade({ builders: [{ type: 'qemu' }], variables: { n: 3 } });
    expect(result.code).toBe(1);
    expect(result.err).toContain("variable n: a legacy JSON variable's default must be a string");
    expect(result.err).toContain('Failed to get config from JSON');
    expect(existsSync(join(tmp.dir(), 't.json.pkr.hcl'))).toBe(false);
    const err = new Capture();
    const missing = { templatePath: 'nope.json', outputFile: 'nope.json.pkr.hcl', withAnnotations: false };
    expect(await runHcl2UpgradeCommand({ ...missing, cwd: tmp.dir(), out: new Capture(), err })).toBe(1);
    expect(err.text()).toContain('cannot read template');
  });

  it('takes exactly one template on the command line and is listed', async () => {
    await expect(hcl2UpgradeCli([], { out: new Capture(), err: new Capture() })).rejects.toThrow(UsageError);
    const out = new Capture();
    expect(await hcl2UpgradeCli(['-h'], { out, err: new Capture() })).toBe(0);
    expect(out.text()).toContain('-with-annotations');
    expect(usage()).toContain('    hcl2_upgrade    transform a JSON template into an HCL2 configuration\n');
  });
});
