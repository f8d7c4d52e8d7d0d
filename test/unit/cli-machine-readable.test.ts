import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/plugins/artifact.js';
import {
  escapeMachineField,
  formatMachineRecord,
  MachineReadableParseError,
  parseMachineLine,
  parseMachineOutput,
} from '../../src/ui/machine-readable.js';
import {
  createMachineReadableUi,
  machineReadableUiFactory,
  writeArtifactRecords,
} from '../../src/ui/machine-readable-ui.js';
import { Capture } from './cli-streams.js';

const at = (seconds: number) => () => new Date(seconds * 1000);

describe('machine-readable format', () => {
  it('escapes commas and newlines as Packer does', () => {
    expect(escapeMachineField('a,b\nc\r')).toBe('a%!(PACKER_COMMA)b\\nc\\r');
    expect(
      formatMachineRecord({ timestamp: 1607000000.9, target: 'qemu', type: 'artifact', data: ['0', 'id'] }),
    ).toBe('1607000000,qemu,artifact,0,id');
  });

  it('round-trips records, including empty fields and awkward data', () => {
    const records = [
      { timestamp: 1, target: '', type: 'ui', data: ['say', '\nNote: a, b,\nand c.'] },
      { timestamp: 2, target: '', type: 'template-variable', data: ['cleanup_pause', '', '0'] },
      { timestamp: 3, target: 'qemu', type: 'artifact-count', data: ['1'] },
      { timestamp: 4, target: '', type: 'version', data: [] },
    ];
    const text = records.map((r) => `${formatMachineRecord(r)}\n`).join('');
    expect(parseMachineOutput(text)).toEqual(records);
  });

  it('reads a real Packer line', () => {
    const line =
      "1607000000,,ui,say,\\nNote: If your build names contain user variables or template\\nfunctions such as 'timestamp'%!(PACKER_COMMA) these";
    expect(parseMachineLine(line).data).toEqual([
      'say',
      "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these",
    ]);
  });

  it('names the line it cannot read', () => {
    expect(() => parseMachineLine('hello')).toThrow(MachineReadableParseError);
    expect(() => parseMachineLine('x,,ui,say')).toThrow("bad timestamp 'x'");
    expect(() => parseMachineLine('1,qemu,')).toThrow('no type');
  });
});

describe('machine-readable Ui', () => {
  it('writes ui records, prefixing the build name in the text like Packer', () => {
    const out = new Capture();
    const ui = createMachineReadableUi({ out, target: 'qemu', now: at(100) });
    ui.say('Creating disk,\nthen starting');
    ui.message('detail');
    ui.error('boom');
    ui.machine('artifact-count', '1');
    ui.progress('download', 10).done();
    expect(out.text()).toBe(
      [
        '100,,ui,say,==> qemu: Creating disk%!(PACKER_COMMA)\\n==> qemu: then starting',
        '100,,ui,message,    qemu: detail',
        '100,,ui,error,==> qemu: boom',
        '100,qemu,artifact-count,1',
        '',
      ].join('\n'),
    );
  });

  it('redacts sensitive values in every field', () => {
    const out = new Capture();
    const ui = machineReadableUiFactory(out, at(5))('qemu', ['s3cret']);
    ui.say('password is s3cret');
    expect(out.text()).toBe('5,,ui,say,==> qemu: password is <sensitive>\n');
  });

  it("writes Packer's artifact records", () => {
    const out = new Capture();
    const ui = createMachineReadableUi({ out, target: 'qemu', now: at(7) });
    const artifact: Artifact = {
      builderId: 'transcend.qemu',
      id: 'VM',
      files: ['output/disk.qcow2', 'output/a,b'],
      description: 'VM files in directory: output',
      destroy: async () => {},
    };
    writeArtifactRecords(ui, [artifact, undefined]);
    expect(out.text().split('\n')).toEqual([
      '7,qemu,artifact-count,2',
      '7,qemu,artifact,0,builder-id,transcend.qemu',
      '7,qemu,artifact,0,id,VM',
      '7,qemu,artifact,0,string,VM files in directory: output',
      '7,qemu,artifact,0,files-count,2',
      '7,qemu,artifact,0,file,0,output/disk.qcow2',
      '7,qemu,artifact,0,file,1,output/a%!(PACKER_COMMA)b',
      '7,qemu,artifact,0,end',
      '7,qemu,artifact,1,nil',
      '7,qemu,artifact,1,end',
      '',
    ]);
  });
});
