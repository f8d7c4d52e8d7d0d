import { describe, expect, it } from 'vitest';
import { runInspectCommand } from '../../src/commands/inspect.js';
import { parseMachineOutput } from '../../src/ui/machine-readable.js';
import { Capture } from './cli-streams.js';
import { QEMU, useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function inspect(template: unknown, machineReadable = false) {
  tmp.write('t.json', template);
  const out = new Capture();
  const err = new Capture();
  const rc = await runInspectCommand({
    templatePath: 't.json',
    machineReadable,
    cwd: tmp.dir(),
    out,
    err,
    now: () => new Date(1_700_000_000_000),
  });
  return { rc, out: out.text(), err: err.text() };
}

const NOTE =
  "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these are processed at build time,\nand therefore only show in their raw form here.\n";

const TEMPLATE = {
  description: 'A box',
  variables: { zeta: '{{env `HOME`}}', alpha: '1', token: 'hunter2', must: null },
  'sensitive-variables': ['token'],
  builders: [
    { ...QEMU, name: 'qemu-b' },
    { ...QEMU, name: 'a' },
  ],
  provisioners: [
    { type: 'shell', inline: ['true'] },
    { type: 'shell-local', inline: ['true'] },
  ],
};

describe('kiln inspect', () => {
  it("prints Packer 1.6.6's human layout with raw defaults", async () => {
    const { rc, out } = await inspect(TEMPLATE);
    expect(rc).toBe(0);
    expect(out).toBe(
      [
        'Packer Inspect: JSON mode',
        'Description:\n',
        'A box\n',
        'Required variables:\n',
        '  must',
        '',
        'Optional variables and their defaults:\n',
        '  alpha = 1',
        '  token = <sensitive>',
        '  zeta  = {{env `HOME`}}',
        '',
        'Builders:\n',
        '  a      (qemu)',
        '  qemu-b (qemu)',
        '',
        'Provisioners:\n',
        '  shell',
        '  shell-local',
        NOTE,
      ].join('\n'),
    );
  });

  it('emits the template-* records in Packer order with the Unix time', async () => {
    const { rc, out } = await inspect(TEMPLATE, true);
    expect(rc).toBe(0);
    const records = parseMachineOutput(out);
    expect(records.every((r) => r.timestamp === 1_700_000_000 && r.target === '')).toBe(true);
    expect(records.filter((r) => r.type !== 'ui').map((r) => [r.type, ...r.data].join(','))).toEqual([
      'template-variable,must,,1',
      'template-variable,alpha,1,0',
      'template-variable,token,<sensitive>,0',
      'template-variable,zeta,{{env `HOME`}},0',
      'template-builder,a,qemu',
      'template-builder,qemu-b,qemu',
      'template-provisioner,shell',
      'template-provisioner,shell-local',
    ]);
    expect(out.split('\n').at(-2)).toBe(
      "1700000000,,ui,say,\\nNote: If your build names contain user variables or template\\nfunctions such as 'timestamp'%!(PACKER_COMMA) these are processed at build time%!(PACKER_COMMA)\\nand therefore only show in their raw form here.",
    );
  });

  it('says when there are no variables or provisioners', async () => {
    const { out } = await inspect({ builders: [QEMU] });
    expect(out).toContain(
      'Variables:\n\n  <No variables>\n\nBuilders:\n\n  qemu\n\nProvisioners:\n\n  <No provisioners>\n',
    );
  });

  it('fails with exit 1 and names the problem when the template cannot be parsed', async () => {
    const human = await inspect('{ "builders": [ ');
    expect(human.rc).toBe(1);
    expect(human.out).toBe('');
    expect(human.err).toMatch(/^Failed to parse template: .*t\.json/);
    const machine = await inspect({ _comment: ['not', 'a string'], builders: [QEMU] }, true);
    expect(machine.rc).toBe(1);
    expect(machine.out).toMatch(/^1700000000,,ui,error,Failed to parse template: .*_comment/);
  });
});
