// Values flowing through template pipelines, function signatures, and Go-style printing of results.

export type TemplateValue = string | number | boolean | null | TemplateRecord;
export interface TemplateRecord {
  readonly [key: string]: TemplateValue | undefined;
}

/** `string` and `int` are checked like Go's typed function parameters; `any` accepts anything. */
export type ParamType = 'string' | 'int' | 'any';

/** A template function bound to its render context, ready to be called by the evaluator. */
export interface BoundFunction {
  readonly params: readonly ParamType[];
  /** Type of extra trailing arguments, when the function is variadic. */
  readonly variadic?: ParamType;
  readonly call: (args: readonly TemplateValue[]) => TemplateValue;
}

export function goTypeName(value: TemplateValue): string {
  if (value === null) return 'nil';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  if (typeof value === 'object') return 'map';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

/** Checks an argument against a parameter type; returns an error detail or undefined. */
export function checkParam(value: TemplateValue, type: ParamType): string | undefined {
  if (type === 'any') return undefined;
  if (type === 'string' && typeof value === 'string') return undefined;
  if (type === 'int' && typeof value === 'number' && Number.isInteger(value)) return undefined;
  return `wrong type for value; expected ${type}; got ${goTypeName(value)}`;
}

/** Prints a value the way Go's fmt does for text/template output. */
export function printValue(value: TemplateValue | undefined): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatGoFloat(value);
  if (typeof value === 'boolean') return String(value);
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${key}:${printValue(value[key])}`);
  return `map[${entries.join(' ')}]`;
}

/** Go's %v for float64: shortest representation, exponent form when the exponent is < -4 or >= 21. */
function formatGoFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 21) {
    const [mantissa, exp = '0'] = value.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(value);
}
