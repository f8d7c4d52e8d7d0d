// range() (cty's sequence.go): one, two or three numeric arguments, at most 1024 values.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, num } from '../eval/values.js';
import { number } from './spec.js';

export function range(args: readonly HclValue[]): HclValue {
  const ns = args.map(number);
  if (ns.length < 1 || ns.length > 3) throw new HclFunctionError('must have one, two, or three arguments');
  const [start, end, step] =
    ns.length === 1 ? [0, ns[0] as number, 1] : [ns[0] as number, ns[1] as number, (ns[2] ?? 1) as number];
  const defaultStep = ns.length < 3 && end < start ? -1 : step;
  if (defaultStep === 0) throw new HclFunctionError('step must not be zero', 2);
  if (defaultStep < 0 && end > start)
    throw new HclFunctionError('end must be less than start when step is negative', 1);
  if (defaultStep > 0 && end < start)
    throw new HclFunctionError('end must be greater than start when step is positive', 1);
  const out: HclValue[] = [];
  for (let v = start; defaultStep > 0 ? v < end : v > end; v += defaultStep) {
    if (out.length >= 1024)
      throw new HclFunctionError(
        'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
      );
    out.push(num(v));
  }
  return { type: 'list', items: out };
}
