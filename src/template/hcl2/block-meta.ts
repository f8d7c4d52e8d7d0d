// The arguments Packer itself reads from a provisioner or post-processor block (gohcl.DecodeBody into its
// struct, the rest going to the plugin): typed as Packer's fields, with hcl's "Unsuitable value" messages.

import { type EvalContext, type HclValue, isSequence } from '../../hcl/eval/index.js';
import type { Attribute, Body, NativeBlock } from '../../hcl/index.js';
import type { Diagnostics } from './diagnostics.js';
import { decodeValue, evaluateInto } from './evaluate-into.js';

/** The block's arguments named in `meta`, and its other items (the plugin's configuration). */
export function splitMeta(
  body: Body,
  meta: readonly string[],
): { attrs: ReadonlyMap<string, Attribute>; rest: Body } {
  const attrs = new Map<string, Attribute>();
  const rest = body.items.filter((item) => {
    if (item.kind === 'Attribute' && meta.includes(item.name)) {
      attrs.set(item.name, item);
      return false;
    }
    return true;
  });
  return { attrs, rest: { ...body, items: rest } };
}

export function metaString(attr: Attribute | undefined, ctx: EvalContext, diags: Diagnostics): string {
  return attr ? (decodeValue(attr.expr, 'string', ctx, diags) ?? '') : '';
}

export function metaBool(
  attr: Attribute | undefined,
  ctx: EvalContext,
  diags: Diagnostics,
): boolean | undefined {
  return attr ? decodeValue(attr.expr, 'bool', ctx, diags) : undefined;
}

export function metaInt(attr: Attribute | undefined, ctx: EvalContext, diags: Diagnostics): number {
  if (!attr) return 0;
  const value = evaluateInto(attr.expr, ctx, diags);
  if (value === undefined) return 0;
  const n =
    value.type === 'string' ? Number(value.value) : value.type === 'number' ? value.value : Number.NaN;
  if (!Number.isInteger(n)) {
    diags.error('Unsuitable value type', 'Unsuitable value: a whole number is required', attr.expr.range);
    return 0;
  }
  return n;
}

export function metaStringList(attr: Attribute | undefined, ctx: EvalContext, diags: Diagnostics): string[] {
  if (!attr) return [];
  const value = evaluateInto(attr.expr, ctx, diags);
  if (value === undefined || value.type === 'null') return [];
  const items: readonly HclValue[] = isSequence(value) ? value.items : [];
  if (!isSequence(value) || items.some((i) => i.type !== 'string')) {
    diags.error('Unsuitable value type', 'Unsuitable value: list of string required', attr.expr.range);
    return [];
  }
  return items.map((i) => (i.type === 'string' ? i.value : ''));
}

/** What every provisioner and post-processor block has: type, `name`, `only`/`except` (both set: an error). */
export function decodeCommonMeta(
  block: NativeBlock,
  attrs: ReadonlyMap<string, Attribute>,
  ctx: EvalContext,
  diags: Diagnostics,
): { type: string; name: string; only: string[]; except: string[] } {
  const only = metaStringList(attrs.get('only'), ctx, diags);
  const except = metaStringList(attrs.get('except'), ctx, diags);
  if (only.length > 0 && except.length > 0)
    diags.error("only one of 'only' or 'except' may be specified", '', block.typeRange);
  return {
    type: block.labels[0]?.value ?? '',
    name: metaString(attrs.get('name'), ctx, diags),
    only,
    except,
  };
}

/** OnlyExcept.Skip: names are compared exactly with the source's `type.name`. */
export function skips(
  onlyExcept: { only: readonly string[]; except: readonly string[] },
  source: string,
): boolean {
  if (onlyExcept.only.length > 0) return !onlyExcept.only.includes(source);
  return onlyExcept.except.includes(source);
}
