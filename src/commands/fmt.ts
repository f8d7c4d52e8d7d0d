// `kiln fmt`: Packer's HCL2Formatter — each .pkr.hcl/.pkrvars.hcl file (or stdin) is parsed, then formatted by
// hclwrite's rules; a changed file's name is printed, and it is rewritten unless -write=false or -check.

import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { formatHcl, isHclFileName, parseHclFile } from '../hcl/index.js';
import { formatError } from '../ui/format-error.js';
import { unifiedDiff } from './fmt-diff.js';

export interface FmtCommandOptions {
  /** Files, directories, or `-` for standard input. */
  paths: readonly string[];
  check: boolean;
  diff: boolean;
  write: boolean;
  recursive: boolean;
  cwd: string;
  stdin: NodeJS.ReadableStream;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** Exit status: 1 if a file could not be read or parsed, 3 under -check if any file needs formatting, else 0. */
export async function runFmtCommand(options: FmtCommandOptions): Promise<number> {
  const tally = { changed: 0, errors: 0 };
  for (const path of options.paths) await formatPath(path, options, tally);
  if (tally.errors > 0) return 1;
  return options.check && tally.changed > 0 ? 3 : 0;
}

async function formatPath(
  path: string,
  options: FmtCommandOptions,
  tally: { changed: number; errors: number },
) {
  const isDirectory =
    path !== '-' && (await stat(resolve(options.cwd, path)).catch(() => undefined))?.isDirectory();
  if (!isDirectory) return formatOne(path, options, tally);
  let entries: { name: string; isDirectory(): boolean }[];
  try {
    entries = await readdir(resolve(options.cwd, path), { withFileTypes: true });
  } catch (error) {
    options.err.write(`Error: Cannot read hcl directory: ${(error as Error).message}\n`);
    tally.errors++;
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (isIgnored(entry.name)) continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      if (options.recursive) await formatPath(child, options, tally);
    } else if (isHclFileName(entry.name)) await formatOne(child, options, tally);
  }
}

/** Editor leftovers and hidden files Packer skips in a directory. */
function isIgnored(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

async function formatOne(
  path: string,
  options: FmtCommandOptions,
  tally: { changed: number; errors: number },
) {
  const stdin = path === '-';
  const fail = (message: string): void => {
    options.err.write(`Error: encountered an error while formatting ${path}\n\n${message}\n`);
    tally.errors++;
  };
  if (!stdin && !isHclFileName(path)) return fail(`file ${path} is not a HCL file`);
  let text: string;
  try {
    text = stdin
      ? (await buffer(options.stdin)).toString('utf8')
      : await readFile(resolve(options.cwd, path), 'utf8');
  } catch (error) {
    return fail(`failed to open ${path}: ${(error as Error).message}`);
  }
  try {
    parseHclFile(stdin ? '<stdin>' : path, text);
  } catch (error) {
    return fail(formatError(error));
  }
  const formatted = formatHcl(text);
  if (formatted === text) {
    if (stdin) options.out.write(formatted);
    return;
  }
  tally.changed++;
  if (!stdin) options.out.write(`${path}\n`);
  if (options.write) {
    if (stdin) options.out.write(formatted);
    else await writeFile(resolve(options.cwd, path), formatted);
  }
  if (options.diff && !stdin) options.out.write(unifiedDiff(text, formatted, `old/${path}`, `new/${path}`));
}
