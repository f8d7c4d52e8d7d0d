// Every JSON template under templates/ has an HCL2 twin (templates/<name>.pkr.hcl, from `kiln hcl2_upgrade`
// tidied by hand) that means the same build: its variables and their defaults and sensitivity, and, evaluated
// with those defaults, the same source options, provisioners and post-processors as the JSON renders to.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Body, NativeBlock } from '../../src/hcl/ast.js';
import {
  type EvalContext,
  evaluateExpression,
  type HclValue,
  isMapping,
  isSequence,
} from '../../src/hcl/eval/index.js';
import { formatHcl, parseHclFile } from '../../src/hcl/index.js';
import { isJsonObject, type JsonValue } from '../../src/json/json-value.js';
import { configEvalContext } from '../../src/template/hcl2/load-config.js';
import { loadHcl2Template } from '../../src/template/hcl2-template.js';
import { loadTemplate } from '../../src/template/load-template.js';
import type { RawPostProcessor, RawProvisioner } from '../../src/template/raw-template.js';
import { renderTemplateString } from '../../src/template/render-string.js';

const REPO = new URL('../../', import.meta.url).pathname;
const TEMPLATES = join(REPO, 'templates');
const names = readdirSync(TEMPLATES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

/** An HCL value as the JSON it stands for. */
function toJson(value: HclValue): JsonValue {
  if (value.type === 'null') return null;
  if (isSequence(value)) return value.items.map(toJson);
  if (isMapping(value)) return Object.fromEntries([...value.attrs].map(([k, v]) => [k, toJson(v)]));
  return value.value;
}

/** The twins are native syntax: their blocks' bodies have items. */
function items(body: Block['body'] | undefined): Body['items'] {
  if (body === undefined) return [];
  if (body.kind !== 'Body') throw new Error('a twin is native HCL, not JSON');
  return body.items;
}

function bodyJson(body: Block['body'], ctx: EvalContext): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const item of items(body)) {
    // The templates' nested objects are all maps (cd_content); a nested block would show up as missing here.
    if (item.kind === 'Attribute') out[item.name] = toJson(evaluateExpression(item.expr, ctx));
  }
  return out;
}

const labelled = (blocks: readonly Block[], type: string) => blocks.filter((b) => b.type === type);

describe('HCL2 twins of templates/*.json', () => {
  it('exist for every JSON template', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(readdirSync(TEMPLATES)).toContain(`${name}.pkr.hcl`);
  });

  // Once with the defaults, once with every variable set (-var), so each reference is checked to be wired.
  for (const [name, setAll] of names.flatMap((n) => [[n, false] as const, [n, true] as const])) {
    const how = setAll ? 'every variable set' : 'the defaults';
    it(`${name}.pkr.hcl parses, is formatted, says whose twin it is, and builds as ${name}.json (${how})`, async () => {
      const file = join(TEMPLATES, `${name}.pkr.hcl`);
      const text = readFileSync(file, 'utf8');
      parseHclFile(file, text);
      expect(formatHcl(text)).toBe(text);
      expect(text.split('\n')[0]).toContain(`twin of templates/${name}.json`);

      const declared = await loadTemplate(join(TEMPLATES, `${name}.json`), { cwd: REPO, env: {} });
      const vars = setAll ? [...declared.variables.keys()].map((k) => [k, `set-${k}`] as const) : [];
      const json = await loadTemplate(join(TEMPLATES, `${name}.json`), { cwd: REPO, env: {}, vars });
      const hcl = await loadHcl2Template(file, { env: {}, vars });
      expect(Object.fromEntries([...hcl.variables].map(([k, v]) => [k, v.values.at(-1)?.value]))).toEqual(
        Object.fromEntries([...json.variables].map(([k, v]) => [k, { type: 'string', value: v }])),
      );
      expect([...hcl.variables.values()].filter((v) => v.sensitive).map((v) => v.name)).toEqual(
        json.sensitiveVariables,
      );

      const ctx = {
        phase: 'config',
        templatePath: json.path,
        cwd: REPO,
        initTime: json.initTime,
        env: {},
        userVariables: json.variables,
        data: {},
      } as const;
      const render = (value: JsonValue): JsonValue => {
        if (typeof value === 'string') return renderTemplateString(value, ctx, { keepUnresolved: true });
        if (Array.isArray(value)) return value.map(render);
        if (isJsonObject(value))
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
        return value;
      };
      const evalCtx = configEvalContext(hcl);
      const sources = labelled(hcl.otherBlocks, 'source');
      expect(sources.map((s) => s.labels.map((l) => l.value))).toEqual(
        json.raw.builders.map((b) => ['qemu', b.rawName === b.type ? name : b.rawName]),
      );
      for (const [i, builder] of json.raw.builders.entries())
        expect(bodyJson((sources[i] as Block).body, evalCtx)).toEqual(render(builder.config));

      const [build] = labelled(hcl.otherBlocks, 'build');
      const blocks = items(build?.body).filter((item): item is NativeBlock => item.kind === 'Block');
      const provisioner = (p: RawProvisioner) => ({ type: p.type, ...(render(p.config) as object) });
      expect(
        labelled(blocks, 'provisioner').map((b) => ({
          type: b.labels[0]?.value,
          ...bodyJson(b.body, evalCtx),
        })),
      ).toEqual(json.raw.provisioners.map(provisioner));
      const postProcessor = (pp: RawPostProcessor) => ({
        type: pp.type,
        ...(pp.keepInputArtifact === undefined ? {} : { keep_input_artifact: pp.keepInputArtifact }),
        ...(render(pp.config) as object),
      });
      expect(
        labelled(blocks, 'post-processor').map((b) => ({
          type: b.labels[0]?.value,
          ...bodyJson(b.body, evalCtx),
        })),
      ).toEqual(json.raw.postProcessors.flat().map(postProcessor));
      expect(labelled(blocks, 'post-processors')).toEqual([]);
      expect(items(build?.body).some((a) => a.kind === 'Attribute' && a.name === 'description')).toBe(
        json.raw.description !== undefined,
      );
    });
  }
});
