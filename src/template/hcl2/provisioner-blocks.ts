// `provisioner "type" {}` and `error-cleanup-provisioner "type" {}` in a build (Packer's decodeProvisioner):
// name, pause_before, max_retries, timeout, only, except and override are Packer's; the rest is the plugin's.

import { parseGoDurationMs } from '../../core/go-duration.js';
import { type EvalContext, isMapping } from '../../hcl/eval/index.js';
import type { Attribute, Body, NativeBlock } from '../../hcl/index.js';
import type { JsonObject } from '../../json/json-value.js';
import { decodeCommonMeta, metaInt, metaString, splitMeta } from './block-meta.js';
import type { Diagnostics } from './diagnostics.js';
import { evaluateInto } from './evaluate-into.js';
import { hclToJson } from './hcl-to-json.js';

export interface ProvisionerBlock {
  readonly type: string;
  readonly name: string;
  readonly pauseBeforeMs: number;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly only: readonly string[];
  readonly except: readonly string[];
  /** Source name (not `type.name`: Packer looks overrides up by the source's name) → arguments. */
  readonly override: ReadonlyMap<string, JsonObject>;
  /** The plugin's arguments and blocks, evaluated once per source the build runs it for. */
  readonly rest: Body;
  readonly block: NativeBlock;
  /** Where it was decoded: a dynamic block's iterator stays in scope for `rest`. */
  readonly scope: EvalContext;
}

const META = ['name', 'pause_before', 'max_retries', 'timeout', 'only', 'except', 'override'];

export function decodeProvisioner(
  block: NativeBlock,
  ctx: EvalContext,
  diags: Diagnostics,
): ProvisionerBlock {
  const { attrs, rest } = splitMeta(block.body, META);
  return {
    ...decodeCommonMeta(block, attrs, ctx, diags),
    pauseBeforeMs: duration('pause_before', metaString(attrs.get('pause_before'), ctx, diags), block, diags),
    maxRetries: metaInt(attrs.get('max_retries'), ctx, diags),
    timeoutMs: duration('timeout', metaString(attrs.get('timeout'), ctx, diags), block, diags),
    override: decodeOverride(attrs.get('override'), ctx, block, diags),
    rest,
    block,
    scope: ctx,
  };
}

function duration(what: string, text: string, block: NativeBlock, diags: Diagnostics): number {
  if (text === '') return 0;
  const ms = parseGoDurationMs(text);
  if (ms === undefined)
    diags.error(`Failed to parse ${what} duration`, `time: invalid duration "${text}"`, block.typeRange);
  return ms ?? 0;
}

function decodeOverride(
  attr: Attribute | undefined,
  ctx: EvalContext,
  block: NativeBlock,
  diags: Diagnostics,
): ReadonlyMap<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  if (attr === undefined) return out;
  const value = evaluateInto(attr.expr, ctx, diags);
  if (value === undefined || value.type === 'null') return out;
  if (value.type !== 'object') {
    diags.error("provisioner's override block must be an HCL object", '', block.typeRange);
    return out;
  }
  for (const [name, overrides] of value.attrs) {
    if (!isMapping(overrides) || overrides.type !== 'object') {
      diags.error(`provisioner's override.'${name}' block must be an HCL object`, '', block.typeRange);
      continue;
    }
    out.set(name, hclToJson(overrides) as JsonObject);
  }
  return out;
}
