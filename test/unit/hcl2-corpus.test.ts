// Kiln on public HCL2 templates (test/corpus-hcl2): `validate -only=<qemu sources>` and `inspect`, in-process,
// against the answers test/corpus-hcl2/README.md explains (no Packer >= 1.7 runs here).

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInspectCommand } from '../../src/commands/inspect.js';
import { runValidateCommand } from '../../src/commands/validate.js';
import { Capture } from './cli-streams.js';

const CORPUS = resolve(import.meta.dirname, '../corpus-hcl2');
const REPO = resolve(import.meta.dirname, '../..');
/** No PKR_VAR_ leaks in from the machine running the tests. */
const ENV = { PATH: process.env.PATH ?? '' };

interface Probe {
  readonly args: readonly string[];
  readonly only: readonly string[];
  readonly rc: number;
  readonly says: string;
}

interface Meta {
  readonly workdir: string;
  readonly template_arg?: string;
  readonly vars?: Readonly<Record<string, string>>;
  readonly only?: readonly string[];
  readonly no_qemu_build?: readonly string[];
  readonly inspect_var_file?: string;
  readonly probes?: readonly Probe[];
  readonly inspect_arg?: string;
}

const cases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const dir = join(CORPUS, entry.name);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
    return { name: entry.name, dir, meta, cwd: resolve(dir, meta.workdir) };
  });

async function validate(
  cwd: string,
  template: string,
  extra: { only: readonly string[]; varFiles?: string[]; vars?: Meta['vars'] },
) {
  const out = new Capture();
  const err = new Capture();
  const rc = await runValidateCommand({
    templatePath: template,
    vars: Object.entries(extra.vars ?? {}),
    varFiles: extra.varFiles ?? [],
    syntaxOnly: false,
    only: extra.only,
    except: [],
    env: ENV,
    cwd,
    out,
    err,
  });
  return { rc, text: out.text() + err.text() };
}

// bento's var files, as its CI lists them: every os_pkrvars/<os>/<file>.pkrvars.hcl but Windows'.
function bentoVarFiles(cwd: string): string[] {
  const root = join(cwd, 'os_pkrvars');
  return readdirSync(root)
    .filter((os) => os !== 'windows')
    .flatMap((os) => readdirSync(join(root, os)).map((file) => `os_pkrvars/${os}/${file}`))
    .filter((file) => file.endsWith('.pkrvars.hcl'))
    .sort();
}

describe.each(cases)('$name', ({ dir, meta, cwd }) => {
  if (meta.probes === undefined) {
    it('validates the QEMU source with every non-Windows var file, as bento’s CI does with Packer', async () => {
      const files = bentoVarFiles(cwd);
      expect(files.length).toBeGreaterThan(40);
      const wrong: string[] = [];
      for (const file of files) {
        const noQemu = (meta.no_qemu_build ?? []).some((os) => file.startsWith(`os_pkrvars/${os}/`));
        const { rc, text } = await validate(cwd, meta.template_arg ?? '.', {
          only: meta.only ?? [],
          varFiles: [file],
          ...(meta.vars ? { vars: meta.vars } : {}),
        });
        const expected = noQemu ? /matches no build/ : /The configuration is valid\./;
        if (rc !== (noQemu ? 1 : 0) || !expected.test(text))
          wrong.push(`${file}: rc ${rc}: ${text.slice(0, 300)}`);
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }
  for (const probe of meta.probes ?? []) {
    it(`validate ${probe.only.map((o) => `-only=${o} `).join('')}${probe.args.join(' ')} → ${probe.rc}`, async () => {
      const { rc, text } = await validate(cwd, probe.args[0] ?? '.', { only: probe.only });
      expect(text).toContain(probe.says);
      expect(rc).toBe(probe.rc);
    });
  }
  it('inspect prints what expected/inspect.txt holds', async () => {
    const out = new Capture();
    const rc = await runInspectCommand({
      templatePath: meta.inspect_arg ?? meta.template_arg ?? '.',
      machineReadable: false,
      varFiles: meta.inspect_var_file ? [meta.inspect_var_file] : [],
      env: ENV,
      cwd,
      out,
      err: new Capture(),
    });
    expect(rc).toBe(0);
    // abspath() results name the checkout: the expected text says <REPO>/ there.
    const text = out.text().replaceAll(`${REPO}/`, '<REPO>/');
    expect(text).toBe(readFileSync(join(dir, 'expected/inspect.txt'), 'utf8'));
  });
});
