// `locals { name = expr }` and `local "name" { expression = …, sensitive = … }`, evaluated in dependency order
// (a local may use var.*, other locals and functions); a cycle is an error naming its path.

import { EvalContext, type HclFunction, type HclValue, object } from '../../hcl/eval/index.js';
import type { Block, Expression, SourceRange } from '../../hcl/index.js';
import { BAD_IDENTIFIER_DETAIL, bodyContent, bodyItems, isValidIdentifier } from './body-schema.js';
import type { Diagnostics } from './diagnostics.js';
import { decodeValue, evaluateInto, evaluateLiteral } from './evaluate-into.js';
import { referencesTo } from './references.js';

export interface LocalDefinition {
  readonly name: string;
  readonly expr: Expression;
  readonly sensitive: boolean;
  readonly nameRange: SourceRange;
}

export interface EvaluatedLocal {
  readonly value: HclValue;
  readonly sensitive: boolean;
}

export function decodeLocalsBlock(block: Block, into: LocalDefinition[], diags: Diagnostics): void {
  for (const item of bodyItems(block.body, diags)) {
    if (item.kind === 'Block') {
      diags.error('Unexpected block', 'Blocks are not allowed here.', item.typeRange);
      continue;
    }
    if (!isValidIdentifier(item.name))
      diags.error('Invalid local name', BAD_IDENTIFIER_DETAIL, item.nameRange);
    else into.push({ name: item.name, expr: item.expr, sensitive: false, nameRange: item.nameRange });
  }
}

export function decodeLocalBlock(
  block: Block,
  into: LocalDefinition[],
  ctx: EvalContext,
  diags: Diagnostics,
): void {
  const label = block.labels[0];
  if (label === undefined) return;
  if (!isValidIdentifier(label.value)) diags.error('Invalid local name', BAD_IDENTIFIER_DETAIL, label.range);
  const { attributes } = bodyContent(
    block.body,
    { attributes: ['expression', 'sensitive'], required: ['expression'], blocks: {} },
    diags,
    block.openBraceRange,
  );
  const expression = attributes.get('expression');
  if (!expression || !isValidIdentifier(label.value)) return;
  const sensitive = attributes.get('sensitive');
  into.push({
    name: label.value,
    expr: expression.expr,
    sensitive: sensitive ? decodeValue(sensitive.expr, 'bool', ctx, diags, evaluateLiteral) === true : false,
    nameRange: label.range,
  });
}

/** Evaluates every local once its dependencies are; duplicates, unknown dependencies and cycles are errors. */
export function evaluateLocals(
  definitions: readonly LocalDefinition[],
  /** `var`, `data`, `path`, `packer`: what a local may use besides other locals. */
  roots: ReadonlyMap<string, HclValue>,
  functions: ReadonlyMap<string, HclFunction>,
  diags: Diagnostics,
): Map<string, EvaluatedLocal> {
  const byName = new Map<string, LocalDefinition>();
  for (const def of definitions) {
    const other = byName.get(def.name);
    if (other) {
      const { file, start, end } = other.expr.range;
      diags.error(
        'Duplicate local definition',
        `Local variable "${def.name}" is defined twice in your templates. Other definition found at "${file}:${start.line},${start.column}-${end.column}"`,
        def.expr.range,
      );
    } else byName.set(def.name, def);
  }
  const done = new Map<string, EvaluatedLocal>();
  const failed = new Set<string>();
  const visiting: string[] = [];
  const visit = (def: LocalDefinition): void => {
    if (done.has(def.name) || failed.has(def.name)) return;
    const at = visiting.indexOf(def.name);
    if (at >= 0) {
      const path = [...visiting.slice(at), def.name].map((n) => `local.${n}`).join(' → ');
      diags.error(
        'Max local recursion depth exceeded',
        `Your local variables have a cyclic dependency: ${path}. Please simplify your config to continue.`,
        def.expr.range,
      );
      for (const name of visiting.slice(at)) failed.add(name);
      return;
    }
    visiting.push(def.name);
    for (const ref of referencesTo('local', def.expr)) {
      const dep = byName.get(ref.name);
      if (dep) visit(dep);
      else
        diags.error(
          'failed to get local variable',
          `While evaluating "local.${def.name}", its dependency "local.${ref.name}" was not found, is it defined?`,
          ref.range,
        );
    }
    visiting.pop();
    // A dependency that failed has its own error; this local would only repeat it.
    const deps = referencesTo('local', def.expr).map((ref) => ref.name);
    if (failed.has(def.name) || deps.some((name) => !done.has(name))) {
      failed.add(def.name);
      return;
    }
    const locals = object([...done].map(([name, local]) => [name, local.value]));
    const ctx = new EvalContext(new Map([...roots, ['local', locals]]), functions);
    const value = evaluateInto(def.expr, ctx, diags);
    if (value === undefined) failed.add(def.name);
    else done.set(def.name, { value, sensitive: def.sensitive });
  };
  for (const def of byName.values()) visit(def);
  return done;
}
