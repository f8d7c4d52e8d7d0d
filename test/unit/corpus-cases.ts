// Reads the Packer 1.6.6 reference corpus (/work/shared/corpus layout) and runs Kiln commands in-process.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export { Capture, stdin } from './cli-streams.js';

export const CORPUS_DIR = resolve(
  process.env.KILN_CORPUS_DIR ?? join(fileURLToPath(new URL('../..', import.meta.url)), '../shared/corpus'),
);

export interface CorpusCase {
  readonly name: string;
  /** Absolute case folder (Packer's outputs call it <CASE>). */
  readonly dir: string;
  /** Absolute directory Packer ran in. */
  readonly workdir: string;
  readonly templateArg: string;
  readonly varFiles: readonly string[];
  readonly hasQemu: boolean;
  readonly qemuBuildNames: readonly string[];
}

interface Meta {
  workdir: string;
  template_arg: string;
  var_files: string[];
  has_qemu: boolean;
  qemu_build_names: string[];
}

export function corpusPresent(): boolean {
  return existsSync(join(CORPUS_DIR, 'SUMMARY.tsv'));
}

export function listCases(): CorpusCase[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS_DIR, entry.name, 'meta.json')))
    .map((entry) => {
      const dir = join(CORPUS_DIR, entry.name);
      const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
      return {
        name: entry.name,
        dir,
        workdir: resolve(dir, meta.workdir),
        templateArg: meta.template_arg,
        varFiles: meta.var_files,
        hasQemu: meta.has_qemu,
        qemuBuildNames: meta.qemu_build_names,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** expected/NAME, or undefined when Packer did not run that probe for the case. */
export function expected(c: CorpusCase, file: string): string | undefined {
  const path = join(c.dir, 'expected', file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function expectedRc(c: CorpusCase, probe: string): number | undefined {
  const text = expected(c, `${probe}.rc`);
  return text === undefined ? undefined : Number(text.trim());
}

/** Packer's environment for the reference run (env -i …), with stand-ins for its machine paths. */
export const FAKE_HOME = '/kiln-corpus-fake-home';
export const FAKE_CACHE = '/kiln-corpus-fake-cache';
export const PACKER_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: FAKE_HOME,
  LANG: 'C.UTF-8',
  PACKER_CACHE_DIR: FAKE_CACHE,
  CHECKPOINT_DISABLE: '1',
};

/** The reference run's normalisation applied to Kiln's output. */
export function normalise(c: CorpusCase, text: string): string {
  return text
    .replaceAll(c.dir, '<CASE>')
    .replaceAll(FAKE_CACHE, '<PACKER_CACHE_DIR>')
    .replaceAll(FAKE_HOME, '<HOME>');
}

export interface EachEntry {
  readonly expr: string;
  readonly rc: number;
  readonly output: string;
}

/** console-each.txt: `### expr: X`, `### rc: N`, then that run's output up to the next `### expr:`. */
export function parseEach(text: string): EachEntry[] {
  const entries: EachEntry[] = [];
  const blocks = text.split(/^### expr: /m).slice(1);
  for (const block of blocks) {
    const match = /^(.*)\n### rc: (\d+)\n([\s\S]*)$/.exec(block);
    if (!match) throw new Error(`unreadable console-each block: ${JSON.stringify(block.slice(0, 80))}`);
    entries.push({ expr: match[1] as string, rc: Number(match[2]), output: match[3] as string });
  }
  return entries;
}

/** Packer's error items ("* …" lines) from a validate output. */
export function errorItems(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\s*\* /.test(line))
    .map((line) => line.replace(/^\s*\* /, ''));
}
