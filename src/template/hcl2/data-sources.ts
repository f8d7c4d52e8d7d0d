// `data "type" "name" {}` blocks: Packer's `null` and `http` data sources and bento's `host-info`, evaluated before locals (as Packer's
// Initialize does) so `data.<type>.<name>.<attr>` works in locals, sources and builds. Other types need a
// plugin Kiln does not have: refused by name.

import { type EvalContext, type HclValue, object, str } from '../../hcl/eval/index.js';
import type { Block } from '../../hcl/index.js';
import { BAD_IDENTIFIER_DETAIL, bodyContent, bodyItems, isValidIdentifier } from './body-schema.js';
import { Diagnostics, defRange, rangeText } from './diagnostics.js';
import { decodeValue, evaluateInto } from './evaluate-into.js';
import { hostInfo } from './host-info-data-source.js';
import { referencesTo } from './references.js';

const KNOWN = ['http', 'null', 'host-info'];

/** `data`: type → name → the data source's outputs. */
export async function evaluateDataSources(
  blocks: readonly Block[],
  ctx: (data: HclValue) => EvalContext,
  diags: Diagnostics,
): Promise<HclValue> {
  const done = new Map<string, Map<string, HclValue>>();
  const seen = new Map<string, Block>();
  let pending = blocks.filter((block) => checkHeader(block, seen, diags));
  // A data source may use another's outputs: evaluate those whose referenced types are all done first.
  while (pending.length > 0) {
    const ready = pending.filter((block) =>
      dependencies(block).every((type) => !pending.some((p) => p !== block && p.labels[0]?.value === type)),
    );
    const batch = ready.length > 0 ? ready : pending; // a cycle: evaluate anyway, its errors say why
    for (const block of batch) {
      const [type, name] = block.labels.map((l) => l.value) as [string, string];
      const value = await evaluateOne(type, block, ctx(dataValue(done)), diags);
      if (value !== undefined) done.set(type, (done.get(type) ?? new Map()).set(name, value));
    }
    pending = pending.filter((block) => !batch.includes(block));
  }
  return dataValue(done);
}

function checkHeader(block: Block, seen: Map<string, Block>, diags: Diagnostics): boolean {
  const [type, name] = block.labels;
  if (type === undefined || name === undefined) return false;
  if (!isValidIdentifier(type.value))
    diags.error('Invalid data source name', BAD_IDENTIFIER_DETAIL, type.range);
  if (!isValidIdentifier(name.value))
    diags.error('Invalid data resource name', BAD_IDENTIFIER_DETAIL, name.range);
  const key = `${type.value}.${name.value}`;
  const existing = seen.get(key);
  if (existing) {
    diags.error(
      'Duplicate data block',
      `This data block has the same data type and name as a previous block declared at ${rangeText(defRange(existing))}. Each data must have a unique name per type.`,
      block.typeRange,
    );
    return false;
  }
  seen.set(key, block);
  if (!KNOWN.includes(type.value)) {
    diags.error(
      `Unknown data type ${type.value}`,
      `known data sources: [${KNOWN.join(' ')}]; Kiln implements Packer's null and http data sources and the host-info plugin's (another plugin's data source, such as amazon-ami, is not available)`,
      block.typeRange,
    );
    return false;
  }
  return isValidIdentifier(type.value) && isValidIdentifier(name.value);
}

function dependencies(block: Block): string[] {
  return bodyItems(block.body, new Diagnostics(new Map())).flatMap((item) =>
    item.kind === 'Attribute' ? referencesTo('data', item.expr).map((r) => r.name) : [],
  );
}

function dataValue(done: ReadonlyMap<string, ReadonlyMap<string, HclValue>>): HclValue {
  return object([...done].map(([type, byName]) => [type, object(byName)]));
}

async function evaluateOne(
  type: string,
  block: Block,
  ctx: EvalContext,
  diags: Diagnostics,
): Promise<HclValue | undefined> {
  const schema =
    type === 'null'
      ? { attributes: ['input'], blocks: {} }
      : type === 'host-info'
        ? { attributes: [], blocks: {} }
        : { attributes: ['url', 'request_headers'], blocks: {} };
  const { attributes } = bodyContent(block.body, schema, diags, block.openBraceRange);
  if (type === 'host-info') return hostInfo();
  if (type === 'null') {
    const input = attributes.get('input');
    const value = input ? decodeValue(input.expr, 'string', ctx, diags) : '';
    if (value === undefined) return undefined;
    if (value === '') {
      diags.error('1 error(s) occurred:\n\n* The `input` must be specified', '', block.typeRange);
      return undefined;
    }
    return object([['output', str(value)]]);
  }
  const urlAttr = attributes.get('url');
  const url = urlAttr ? decodeValue(urlAttr.expr, 'string', ctx, diags) : '';
  const headersAttr = attributes.get('request_headers');
  const headers = headersAttr ? evaluateInto(headersAttr.expr, ctx, diags) : undefined;
  if (url === undefined) return undefined;
  if (url === '') {
    diags.error('1 error(s) occurred:\n\n* the `url` must be specified', '', block.typeRange);
    return undefined;
  }
  return fetchHttp(url, headers, block, diags);
}

async function fetchHttp(
  url: string,
  headers: HclValue | undefined,
  block: Block,
  diags: Diagnostics,
): Promise<HclValue | undefined> {
  const requestHeaders: Record<string, string> = {};
  if (headers !== undefined && (headers.type === 'object' || headers.type === 'map'))
    for (const [k, v] of headers.attrs) if (v.type === 'string') requestHeaders[k] = v.value;
  try {
    const response = await fetch(url, { headers: requestHeaders });
    if (response.status !== 200) {
      diags.error(`HTTP request error. Response code: ${response.status}`, '', block.typeRange);
      return undefined;
    }
    const body = await response.text();
    const responseHeaders: [string, HclValue][] = [];
    response.headers.forEach((value, key) => {
      responseHeaders.push([canonicalHeader(key), str(value)]);
    });
    // Packer's output names the response headers `request_headers` (its spec's field name): kept for parity.
    return object([
      ['url', str(url)],
      ['body', str(body)],
      ['request_headers', object(responseHeaders)],
    ]);
  } catch (error) {
    diags.error(`Get "${url}": ${(error as Error).message}`, '', block.typeRange);
    return undefined;
  }
}

/** Go's textproto.CanonicalMIMEHeaderKey: `content-type` → `Content-Type`. */
function canonicalHeader(key: string): string {
  return key.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
