// Values flowing through template pipelines, function signatures, and Go-style printing of results.

/** A Go float64 (a literal like `1.5` or `1.0`): kept apart from ints, which Go prints and compares differently. */
export class GoFloat {
  constructor(readonly value: number) {}
}

export type TemplateValue = string | number | boolean | null | GoFloat | TemplateRecord;
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

export function isRecord(value: TemplateValue | undefined): value is TemplateRecord {
  return value !== null && typeof value === 'object' && !(value instanceof GoFloat);
}

export function goTypeName(value: TemplateValue): string {
  if (value === null) return 'nil';
  if (value instanceof GoFloat) return 'float64';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'object') return 'map[string]interface {}';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

/** Checks an argument against a parameter type; returns an error detail or undefined. */
export function checkParam(value: TemplateValue, type: ParamType): string | undefined {
  if (type === 'any') return undefined;
  if (type === 'string' && typeof value === 'string') return undefined;
  if (type === 'int' && typeof value === 'number' && Number.isInteger(value)) return undefined;
  // Go converts an integral constant such as 1.0 to an int parameter.
  if (type === 'int' && value instanceof GoFloat && Number.isInteger(value.value)) return undefined;
  return `wrong type for value; expected ${type}; got ${goTypeName(value).replace(/^map.*/, 'map')}`;
}

/** Go's truth for if/with/and/or/not: false, 0, "", nil and an empty map are false. */
export function isTrue(value: TemplateValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (value instanceof GoFloat) return value.value !== 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return value !== '' && value !== 0 && value !== false;
}

/** Prints a value the way Go's fmt does for text/template output (%v). */
export function printValue(value: TemplateValue | undefined): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value instanceof GoFloat) return formatGoFloat(value.value);
  if (typeof value === 'boolean') return String(value);
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${key}:${printValue(value[key])}`);
  return `map[${entries.join(' ')}]`;
}

/** strconv's shortest 'g' switches to exponent form from 1e+06 on ("1e+08" for 100000000.0). */
const EXPONENT_FROM = 6;

/** Go's %v for float64 (strconv 'g', shortest): exponent form when the exponent is < -4 or >= 6. */
export function formatGoFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exp = '0'] = value.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= EXPONENT_FROM)
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}
