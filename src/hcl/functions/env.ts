// Packer's `env(key)` (hcl2template/function/env.go): the environment variable's value, "" when unset. Packer
// offers it only where input variables' defaults are evaluated, and no other function there.

import type { EagerFunction } from '../eval/context.js';
import { str } from '../eval/values.js';
import { toStr } from './convert.js';
import { define, text } from './spec.js';

export function envFunction(env: Readonly<Record<string, string | undefined>>): EagerFunction {
  return define([{ name: 'key', type: toStr }], ([key]) => str(env[text(key)] ?? ''));
}
