// hcl's dynblock extension: `dynamic "type" { for_each, iterator, labels, content {} }` expands into one `type`
// block per element, its content evaluated with the iterator (`<iterator>.key`, `<iterator>.value`) in scope.
// Nested dynamic blocks expand in turn, each with the scope of the block they were generated in.

import { type EvalContext, type HclValue, isMapping, isSequence, num, object } from '../../hcl/eval/index.js';
import { type Attribute, type Body, type NativeBlock, staticExpression } from '../../hcl/index.js';
import { bodyContent, nativeBlocks } from './body-schema.js';
import type { Diagnostics } from './diagnostics.js';
import { evaluateInto } from './evaluate-into.js';

/** An attribute or block of an expanded body, with the scope its expressions evaluate in. */
export interface ScopedItem<T extends Attribute | NativeBlock = Attribute | NativeBlock> {
  readonly item: T;
  readonly ctx: EvalContext;
}

/** A `dynamic` block's body. */
export const DYNAMIC_SCHEMA = {
  attributes: ['for_each', 'iterator', 'labels'],
  required: ['for_each'],
  blocks: { content: [] },
};

/** The body's items with every `dynamic` block replaced by the blocks it generates. */
export function expandDynamicBlocks(body: Body, ctx: EvalContext, diags: Diagnostics): ScopedItem[] {
  return body.items.flatMap((item) =>
    item.kind === 'Block' && item.type === 'dynamic' ? expandOne(item, ctx, diags) : [{ item, ctx }],
  );
}

function expandOne(block: NativeBlock, ctx: EvalContext, diags: Diagnostics): ScopedItem[] {
  const type = block.labels[0]?.value;
  if (type === undefined || block.labels.length !== 1) {
    diags.error(
      'Invalid dynamic block',
      'A dynamic block must have exactly one label: the type of the block to generate.',
      block.typeRange,
    );
    return [];
  }
  const content = bodyContent(block.body, DYNAMIC_SCHEMA, diags, block.openBraceRange);
  const contentBlocks = nativeBlocks(content.blocks).filter((b) => b.type === 'content');
  const body = contentBlocks[0];
  if (body === undefined || contentBlocks.length > 1) {
    diags.error(
      contentBlocks.length > 1 ? 'Duplicate content block' : 'Missing content block',
      `A dynamic ${type} block must have exactly one nested "content" block.`,
      block.openBraceRange,
    );
    return [];
  }
  const forEach = content.attributes.get('for_each');
  const collection = forEach && evaluateInto(forEach.expr, ctx, diags);
  if (collection === undefined) return [];
  const iteratorAttr = content.attributes.get('iterator');
  // hcl.AbsTraversalForExpr: a JSON string is read as the variable name it holds.
  const iteratorExpr = iteratorAttr && staticExpression(iteratorAttr.expr);
  const iterator = iteratorExpr?.kind === 'Variable' ? iteratorExpr.name : iteratorAttr ? undefined : type;
  if (iterator === undefined) {
    diags.error(
      'Invalid dynamic iterator name',
      'Dynamic iterator must be a single variable name.',
      iteratorAttr?.expr.range,
    );
    return [];
  }
  const elements = entriesOf(collection);
  if (elements === undefined) {
    diags.error(
      'Invalid dynamic for_each value',
      `Cannot use a ${collection.type} value in for_each. An iterable collection is required.`,
      forEach?.expr.range,
    );
    return [];
  }
  return elements.flatMap(([key, value]) => {
    const scope = ctx.with(
      new Map([
        [
          iterator,
          object([
            ['key', key],
            ['value', value],
          ]),
        ],
      ]),
    );
    const labels = generatedLabels(content.attributes.get('labels'), scope, block, diags);
    if (labels === undefined) return [];
    const generated: NativeBlock = {
      ...body,
      type,
      typeRange: block.labels[0]?.range ?? block.typeRange,
      labels,
    };
    return [{ item: generated, ctx: scope }];
  });
}

function entriesOf(collection: HclValue): (readonly [HclValue, HclValue])[] | undefined {
  if (collection.type === 'null') return undefined;
  if (isSequence(collection)) return collection.items.map((v, i) => [num(i), v] as const);
  if (isMapping(collection))
    return [...collection.attrs].map(([k, v]) => [{ type: 'string', value: k } as HclValue, v] as const);
  return undefined;
}

function generatedLabels(
  attr: Attribute | undefined,
  scope: EvalContext,
  block: NativeBlock,
  diags: Diagnostics,
): NativeBlock['labels'] | undefined {
  if (attr === undefined) return [];
  const value = evaluateInto(attr.expr, scope, diags);
  if (value === undefined) return undefined;
  const items = isSequence(value) ? value.items : undefined;
  if (items === undefined || items.some((l) => l.type !== 'string')) {
    diags.error('Invalid dynamic block labels', 'The labels must be a list of strings.', attr.expr.range);
    return undefined;
  }
  return items.map((l) => ({
    value: l.type === 'string' ? l.value : '',
    quoted: true,
    range: block.labels[0]?.range ?? block.typeRange,
  }));
}
