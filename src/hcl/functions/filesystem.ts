// Filesystem functions from go-cty-funcs (filesystem.go) and Packer's filebase64: relative paths resolve against
// the template's directory, `~` expands to the home directory.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { HclFunctionError } from '../eval/function-error.js';
import { bool, str } from '../eval/values.js';
import { asSet, toStr } from './convert.js';
import { glob } from './glob.js';
import { define, type FunctionTable, text } from './spec.js';

const s = (name: string) => ({ name, type: toStr });

/** go-homedir's Expand: only a leading `~` or `~/`. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  if (path.startsWith('~'))
    throw new HclFunctionError('failed to expand ~: cannot expand user-specific home dir');
  return path;
}

export function resolvePath(baseDir: string, path: string): string {
  const expanded = expandHome(path);
  return normalize(isAbsolute(expanded) ? expanded : join(baseDir, expanded));
}

export function readFileBytes(baseDir: string, path: string): Buffer {
  const full = resolvePath(baseDir, path);
  if (!existsSync(full)) throw new HclFunctionError(`no file exists at ${full}`);
  try {
    return readFileSync(full);
  } catch {
    throw new HclFunctionError(`failed to read ${full}`);
  }
}

/** Go's filepath.Dir and filepath.Base: "" is ".", trailing slashes ignored by Base. */
const goDir = (p: string) => (p === '' ? '.' : normalize(dirname(p)));
const goBase = (p: string) => (p === '' ? '.' : /^\/+$/.test(p) ? '/' : basename(p));

/** `cwd`: what abspath resolves against (Go's filepath.Abs: the process's working directory). */
export function filesystemFunctions(baseDir: string, cwd: string = process.cwd()): FunctionTable {
  return new Map([
    ['abspath', define([s('path')], ([p]) => str(resolve(cwd, text(p)).split(sep).join('/')))],
    ['basename', define([s('path')], ([p]) => str(goBase(text(p))))],
    ['dirname', define([s('path')], ([p]) => str(goDir(text(p))))],
    ['pathexpand', define([s('path')], ([p]) => str(expandHome(text(p))))],
    [
      'file',
      define([s('path')], ([p]) => {
        const bytes = readFileBytes(baseDir, text(p));
        try {
          return str(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        } catch {
          throw new HclFunctionError(
            `contents of ${text(p)} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
          );
        }
      }),
    ],
    ['filebase64', define([s('path')], ([p]) => str(readFileBytes(baseDir, text(p)).toString('base64')))],
    [
      'fileexists',
      define([s('path')], ([p]) => {
        const full = resolvePath(baseDir, text(p));
        if (!existsSync(full)) return bool(false);
        const stat = statSync(full);
        if (stat.isFile()) return bool(true);
        throw new HclFunctionError(
          `${full} is not a regular file, but "${stat.isDirectory() ? 'd' : '?'}${modeText(stat.mode)}"`,
        );
      }),
    ],
    [
      'fileset',
      define([s('path'), s('pattern')], ([p, pattern]) => {
        const root = isAbsolute(text(p)) ? text(p) : join(baseDir, text(p));
        let matches: string[];
        try {
          matches = glob(root, text(pattern));
        } catch (error) {
          throw new HclFunctionError(
            `failed to glob pattern (${join(root, text(pattern))}): ${(error as Error).message}`,
          );
        }
        const files = matches.filter((m) => statSync(m, { throwIfNoEntry: false })?.isFile());
        return asSet({ type: 'list', items: files.map((m) => str(relative(root, m).split(sep).join('/'))) });
      }),
    ],
  ]);
}

/** Go's FileMode.String() permission bits. */
function modeText(mode: number): string {
  return 'rwxrwxrwx'.replace(/./g, (c, i) => (mode & (1 << (8 - i)) ? c : '-'));
}
