// Packer's hcl2_upgrade in one call: a legacy JSON template's blocks in HCL2, in Packer's order (packer,
// variables, secret data sources, locals, sources, build) and formatted as `packer fmt` does. Problems that
// still leave a file (an unknown builder type) come back in `errors`: Packer writes the file and exits 1.

import { formatHcl } from '../hcl/index.js';
import type { RawTemplate } from '../template/raw-template.js';
import * as notes from './annotations.js';
import { buildBody } from './build-block.js';
import { hclBlock, hclBody } from './hcl-body.js';
import { byteOrder } from './hcl-literal.js';
import { packerBlock } from './packer-block.js';
import { sourceBlocks, unknownBuilders, upgradeSources } from './source-blocks.js';
import { newUpgradeState, type UpgradeState } from './upgrade-state.js';
import { upgradeVariables } from './variables-block.js';

export interface UpgradeResult {
  readonly text: string;
  /** Each as Packer prints it after "Ignoring following …Parse error: ". */
  readonly errors: readonly { readonly parser: string; readonly message: string }[];
}

/** `rawText` is the JSON file as read: `{{user}}` calls anywhere in it declare variables. */
export function hcl2Upgrade(tpl: RawTemplate, rawText: string, withAnnotations: boolean): UpgradeResult {
  const state = newUpgradeState();
  const note = (text: string) => (withAnnotations ? text : '');
  const section = (header: string, text: string) => (text === '' ? '' : note(header) + text);
  const packer = packerBlock(tpl);
  const { variables, locals } = upgradeVariables(tpl, rawText, state);
  const sources = upgradeSources(tpl.builders);
  const sourceText = sourceBlocks(sources, state);
  const build = buildBody(tpl, sources, state);
  const out = [
    section(notes.PACKER_BLOCK, packer),
    section(notes.INPUT_VARIABLES, variables),
    section(notes.SECRETS_DATA, secretSources(state)),
    localsSection(state, locals, withAnnotations),
    section(notes.SOURCES, sourceText),
    build === '' ? '' : `${withAnnotations ? notes.BUILD : '\n'}build {\n${build}}\n`,
  ];
  const unknown = unknownBuilders(sources);
  return {
    // Packer writes the header before its formatted blocks.
    text: note(notes.FILE_HEADER) + formatHcl(out.join('')),
    errors: unknown === undefined ? [] : [{ parser: 'sources.Parse', message: unknown }],
  };
}

function secretSources(state: UpgradeState): string {
  return [...state.secrets.keys()]
    .sort(byteOrder)
    .map((id) => {
      const { name, key } = state.secrets.get(id) ?? { name: '' };
      return `\n${hclBlock('data', ['amazon-secretsmanager', id], hclBody(key === undefined ? { name } : { name, key }))}`;
    })
    .join('');
}

function localsSection(state: UpgradeState, locals: string, withAnnotations: boolean): string {
  let out = '';
  if (state.timestamp) out += `\n${withAnnotations ? notes.TIMESTAMP : ''}${notes.TIMESTAMP_LOCAL}`;
  if (state.isotime) out += notes.legacyTimeNote('isotime');
  if (state.strftime) out += notes.legacyTimeNote('strftime');
  if (locals !== '') out += (withAnnotations ? notes.LOCALS : '') + locals;
  return out;
}
