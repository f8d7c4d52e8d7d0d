// Packer 1.6.6's template functions (SDK interpolate/funcs.go), plus clear errors for unsupported ones.

import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { formatGoTime, RFC3339_LAYOUT } from '../../core/go-time-format.js';
import { formatStrftime } from '../../core/strftime.js';
import { didYouMean } from '../../core/suggest.js';
import { DeferRender, TemplateFunctionError } from '../template-errors.js';
import { cleanResourceName } from './clean-resource-name.js';
import {
  extendFunctionTable,
  type FunctionContext,
  int,
  secretKey,
  str,
  type TemplateFunctionSpec,
} from './function-table.js';
import { GO_BUILTIN_FUNCTIONS } from './go-builtins.js';

/** The Packer version Kiln's templates are compatible with (`packer_version`, `min_packer_version`). */
export const PACKER_COMPAT_VERSION = '1.6.6';

/** Keys `{{ build "X" }}` may ask for (Packer's generated build data). */
export const BUILD_DATA_KEYS = [
  'ID',
  'Host',
  'Port',
  'User',
  'Password',
  'ConnType',
  'PackerRunUUID',
  'PackerHTTPIP',
  'PackerHTTPPort',
  'PackerHTTPAddr',
  'SSHPublicKey',
  'SSHPrivateKey',
  'WinRMPassword',
] as const;

/** Thrown by `user` while a referenced variable is still being resolved; the resolver retries later. */
export class VariableNotReady extends Error {
  constructor(readonly variable: string) {
    super(`variable ${variable} is not resolved yet`);
  }
}

const unsupported = (name: string, why: string): TemplateFunctionSpec => ({
  params: [],
  variadic: 'any',
  call: () => {
    throw new TemplateFunctionError(`${name} is not supported by Kiln: ${why}`);
  },
});

const noAws =
  'Kiln reads AWS Secrets Manager only once it has an AWS builder; pass the value with -var or an env default';

/** A `vault`/`consul_key` value read before rendering (Packer allows them only in variable defaults). */
function secret(ctx: FunctionContext, name: string, key: string): string {
  if (ctx.phase !== 'variables')
    throw new TemplateFunctionError(
      `${name} is only allowed in the default values of "variables" (as in Packer)`,
    );
  const value = ctx.secrets?.get(key);
  if (value === undefined)
    throw new TemplateFunctionError(
      `${name} needs literal string arguments in Kiln (its values are read before rendering)`,
    );
  if (value instanceof Error) throw new TemplateFunctionError(value.message);
  return value;
}

function user(name: string, ctx: FunctionContext): string {
  const value = ctx.userVariables.get(name);
  if (value !== undefined) return value;
  if (ctx.pendingVariables?.has(name)) throw new VariableNotReady(name);
  const message = `variable "${name}" is not defined${didYouMean(name, ctx.userVariables.keys(), '"')}; declare it under "variables" or pass -var ${name}=…`;
  if (ctx.onUndefinedVariable === undefined) throw new TemplateFunctionError(message);
  ctx.onUndefinedVariable(name, message);
  return '';
}

function build(key: string, ctx: FunctionContext): string {
  if (!(BUILD_DATA_KEYS as readonly string[]).includes(key)) {
    throw new TemplateFunctionError(`unknown build value "${key}"${didYouMean(key, BUILD_DATA_KEYS, '"')}`);
  }
  const value = ctx.data[key];
  if (value === undefined || value === null) throw new DeferRender(`build \`${key}\``);
  return String(value);
}

/** Go's own template functions (printf, len, eq, …) and Packer's. */
export const BUILTIN_FUNCTIONS = extendFunctionTable(GO_BUILTIN_FUNCTIONS, {
  user: { params: ['string'], call: (a, ctx) => user(str(a, 0), ctx) },
  env: {
    params: ['string'],
    call: (a, ctx) => {
      if (ctx.phase !== 'variables') {
        throw new TemplateFunctionError(
          'env is only allowed in the default values of "variables" (as in Packer); define a variable with that default and use {{user `name`}}',
        );
      }
      return ctx.env[str(a, 0)] ?? '';
    },
  },
  timestamp: { params: [], call: (_a, ctx) => String(Math.floor(ctx.initTime.getTime() / 1000)) },
  isotime: {
    params: [],
    variadic: 'string',
    call: (a, ctx) => {
      if (a.length > 1) throw new TemplateFunctionError(`too many values, 1 needed: [${a.join(' ')}]`);
      return formatGoTime(ctx.initTime, a.length === 0 ? RFC3339_LAYOUT : str(a, 0));
    },
  },
  strftime: { params: ['string'], call: (a, ctx) => formatStrftime(ctx.initTime, str(a, 0)) },
  uuid: { params: [], call: (_a, ctx) => ctx.fixedUuid ?? randomUUID() },
  pwd: { params: [], call: (_a, ctx) => ctx.cwd },
  template_dir: { params: [], call: (_a, ctx) => dirname(resolve(ctx.cwd, ctx.templatePath)) },
  build_name: {
    params: [],
    call: (_a, ctx) =>
      ctx.buildName ??
      fail('build_name not available (only inside a builder, provisioner or post-processor)'),
  },
  build_type: {
    params: [],
    call: (_a, ctx) =>
      ctx.buildType ??
      fail('build_type not available (only inside a builder, provisioner or post-processor)'),
  },
  packer_version: { params: [], call: () => PACKER_COMPAT_VERSION },
  lower: { params: ['string'], call: (a) => str(a, 0).toLowerCase() },
  upper: { params: ['string'], call: (a) => str(a, 0).toUpperCase() },
  split: {
    params: ['string', 'string', 'int'],
    call: (a) => {
      const parts = str(a, 0).split(str(a, 1));
      const index = int(a, 2);
      const part = index >= 0 ? parts[index] : undefined;
      if (part === undefined) {
        throw new TemplateFunctionError(
          `the substring ${index} was unavailable using the separator value, ${str(a, 1)}, only ${parts.length} values were found`,
        );
      }
      return part;
    },
  },
  replace: {
    params: ['string', 'string', 'int', 'string'],
    call: (a) => goReplace(str(a, 3), str(a, 0), str(a, 1), int(a, 2)),
  },
  replace_all: {
    params: ['string', 'string', 'string'],
    call: (a) => goReplace(str(a, 2), str(a, 0), str(a, 1), -1),
  },
  clean_resource_name: { params: ['string'], call: (a) => cleanResourceName(str(a, 0)) },
  build: { params: ['string'], call: (a, ctx) => build(str(a, 0), ctx) },
  consul_key: {
    params: ['string'],
    call: (a, ctx) => secret(ctx, 'consul_key', secretKey('consul', str(a, 0))),
  },
  vault: {
    params: ['string', 'string'],
    call: (a, ctx) => secret(ctx, 'vault', secretKey('vault', str(a, 0), str(a, 1))),
  },
  aws_secretsmanager: unsupported('aws_secretsmanager', noAws),
  aws_secretsmanager_raw: unsupported('aws_secretsmanager_raw', noAws),
  sed: unsupported('sed', 'it was deprecated in Packer; use replace or replace_all'),
});

function fail(message: string): never {
  throw new TemplateFunctionError(message);
}

/** Go's strings.Replace: n < 0 replaces all; an empty `old` inserts between every character. */
function goReplace(source: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return source;
  let out = '';
  let count = 0;
  let i = 0;
  if (old === '') {
    const chars = [...source];
    for (let k = 0; k <= chars.length; k++) {
      if (n < 0 || count < n) {
        out += replacement;
        count++;
      }
      out += chars[k] ?? '';
    }
    return out;
  }
  for (;;) {
    const hit = source.indexOf(old, i);
    if (hit < 0 || (n >= 0 && count >= n)) return out + source.slice(i);
    out += source.slice(i, hit) + replacement;
    i = hit + old.length;
    count++;
  }
}
