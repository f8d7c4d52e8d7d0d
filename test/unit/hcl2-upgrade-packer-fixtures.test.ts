// `kiln hcl2_upgrade` against Packer v1.9.4's own hcl2_upgrade fixtures (test/fixtures/hcl2-upgrade, MPL-2.0):
// the written file must equal Packer's expected output byte for byte, with Packer's exit status.

import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHcl2UpgradeCommand } from '../../src/commands/hcl2-upgrade.js';
import { Capture } from './cli-streams.js';
import { useTempDir } from './template-fixture.js';

const FIXTURES = new URL('../fixtures/hcl2-upgrade/', import.meta.url).pathname;
const tmp = useTempDir();

/** Packer's Test_hcl2_upgrade table, for the cases copied here (the amazon-ami data source ones are not). */
const CASES: readonly { folder: string; annotations?: boolean; exitCode?: number }[] = [
  { folder: 'unknown_builder', exitCode: 1 },
  { folder: 'minimal', annotations: true },
  { folder: 'source-name', annotations: true },
  { folder: 'error-cleanup-provisioner', annotations: true },
  { folder: 'escaping' },
  { folder: 'placeholders' },
  { folder: 'variables-only' },
  { folder: 'variables-with-variables' },
  { folder: 'complete-variables-with-template-engine' },
  { folder: 'undeclared-variables' },
  { folder: 'varfile-with-no-variables-block' },
  { folder: 'bundled-plugin-used' },
];

async function upgrade(templatePath: string, options: { annotations?: boolean; outputFile?: string } = {}) {
  const out = new Capture();
  const err = new Capture();
  const code = await runHcl2UpgradeCommand({
    templatePath,
    outputFile: options.outputFile ?? `${templatePath}.pkr.hcl`,
    withAnnotations: options.annotations === true,
    cwd: tmp.dir(),
    out,
    err,
  });
  return { code, out: out.text(), err: err.text() };
}

describe('hcl2_upgrade matches Packer v1.9.4 fixtures', () => {
  for (const { folder, annotations, exitCode } of CASES) {
    it(folder, async () => {
      cpSync(join(FIXTURES, folder, 'input.json'), join(tmp.dir(), 'input.json'));
      const result = await upgrade('input.json', { annotations });
      expect(result.code, result.err).toBe(exitCode ?? 0);
      const written = readFileSync(join(tmp.dir(), 'input.json.pkr.hcl'), 'utf8');
      expect(written).toBe(readFileSync(join(FIXTURES, folder, 'expected.pkr.hcl'), 'utf8'));
      expect(result.out).toBe(`Successfully created input.json.pkr.hcl. Exit ${exitCode ?? 0}\n`);
    });
  }

  it('names the unknown builder type as Packer does', async () => {
    cpSync(join(FIXTURES, 'unknown_builder', 'input.json'), join(tmp.dir(), 'input.json'));
    const result = await upgrade('input.json');
    expect(result.err).toBe(
      'Ignoring following initialization error: required variable not set: aws_region\n' +
        'Ignoring following sources.Parse error: unknown builder type(s): [potatoes]\n\n',
    );
  });
});
