// `packer { required_version = "…"  required_plugins { … } }`: the version constraint is checked against the
// Packer version Kiln matches (Packer's CheckCoreVersionRequirements); required_plugins is accepted with a note.

import { EvalContext } from '../../hcl/eval/index.js';
import type { Block } from '../../hcl/index.js';
import { bodyContent } from './body-schema.js';
import type { Diagnostics } from './diagnostics.js';
import { evaluateInto } from './evaluate-into.js';

export function checkPackerBlock(block: Block, packerVersion: string, diags: Diagnostics): void {
  const { attributes, blocks } = bodyContent(
    block.body,
    { attributes: ['required_version'], blocks: { required_plugins: [] } },
    diags,
    block.openBraceRange,
  );
  for (const plugins of blocks)
    diags.warn(
      'required_plugins ignored',
      "Kiln's builders, provisioners and post-processors are built in; it installs no plugins.",
      plugins.typeRange,
    );
  const attr = attributes.get('required_version');
  if (!attr) return;
  const value = evaluateInto(attr.expr, new EvalContext(), diags);
  if (value === undefined) return;
  const satisfied = value.type === 'string' ? satisfiesConstraint(packerVersion, value.value) : undefined;
  if (satisfied === undefined)
    diags.error(
      'Invalid version constraint',
      'This string does not use correct version constraint syntax.',
      attr.expr.range,
    );
  else if (!satisfied)
    diags.error(
      'Unsupported Packer Core version',
      `This configuration does not support Packer version ${packerVersion}. To proceed, either choose another supported Packer version or update this version constraint. Version constraints are normally set for good reason, so updating the constraint may lead to other errors or unexpected behavior.`,
      attr.expr.range,
    );
}

const CONSTRAINT =
  /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+)*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?\s*$/;

/** hashicorp/go-version's constraint check ("~> 1.6", ">= 1.5.0, < 2"); undefined when the syntax is wrong. */
export function satisfiesConstraint(version: string, constraints: string): boolean | undefined {
  const have = segments(version);
  let ok = true;
  for (const part of constraints.split(',')) {
    const match = CONSTRAINT.exec(part);
    if (!match) return undefined;
    const op = match[1] ?? '=';
    const given = segments(match[2] as string);
    const cmp = compare(have, given);
    switch (op) {
      case '=':
        ok &&= cmp === 0;
        break;
      case '!=':
        ok &&= cmp !== 0;
        break;
      case '>':
        ok &&= cmp > 0;
        break;
      case '<':
        ok &&= cmp < 0;
        break;
      case '>=':
        ok &&= cmp >= 0;
        break;
      case '<=':
        ok &&= cmp <= 0;
        break;
      case '~>': {
        // The last given segment may grow; the ones before it must match.
        const fixed = given.slice(0, Math.max(given.length - 1, 1));
        ok &&= cmp >= 0 && fixed.every((n, i) => have[i] === n);
        break;
      }
    }
  }
  return ok;
}

function segments(version: string): number[] {
  return (/^v?(\d+(?:\.\d+)*)/.exec(version.trim())?.[1] ?? '0').split('.').map(Number);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length, 3); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
