// Packer's BuildParser: the `build` block naming every source, then the provisioners (their only, except,
// max_retries, timeout and pause_before among the options), the error-cleanup provisioner and the
// post-processor chains (`post-processors { }` when a chain has more than one).

import { formatGoDuration, msToNs } from '../core/go-duration.js';
import type { JsonObject } from '../json/json-value.js';
import type { RawPostProcessor, RawProvisioner, RawTemplate } from '../template/raw-template.js';
import { attribute, hclBlock, hclBody } from './hcl-body.js';
import type { UpgradeSource } from './source-blocks.js';
import { upgradeBlock } from './transpose.js';
import type { UpgradeState } from './upgrade-state.js';

/** The block's text after `build {` up to its closing brace; empty without sources. */
export function buildBody(tpl: RawTemplate, sources: readonly UpgradeSource[], state: UpgradeState): string {
  if (sources.length === 0) return '';
  let out =
    tpl.description === undefined || tpl.description === ''
      ? ''
      : `${attribute('description', tpl.description)}\n`;
  out += `${attribute(
    'sources',
    sources.map((s) => `source.${s.type}.${s.name}`),
  )}\n`;
  for (const provisioner of tpl.provisioners)
    out += upgradeBlock(provisionerBlock('provisioner', provisioner), state);
  if (tpl.errorCleanupProvisioner)
    out += upgradeBlock(provisionerBlock('error-cleanup-provisioner', tpl.errorCleanupProvisioner), state);
  for (const chain of tpl.postProcessors) {
    if (chain.length === 0) continue;
    const blocks = chain.map(postProcessorBlock).join('');
    out += upgradeBlock(chain.length === 1 ? blocks : hclBlock('post-processors', [], blocks), state);
  }
  return out;
}

function provisionerBlock(kind: string, provisioner: RawProvisioner): string {
  const config: JsonObject = { ...provisioner.config };
  if (provisioner.except.length > 0) config.except = [...provisioner.except];
  if (provisioner.only.length > 0) config.only = [...provisioner.only];
  if (provisioner.maxRetries !== 0) config.max_retries = String(provisioner.maxRetries);
  if (provisioner.timeoutMs > 0) config.timeout = formatGoDuration(msToNs(provisioner.timeoutMs));
  if (provisioner.pauseBeforeMs > 0)
    config.pause_before = formatGoDuration(msToNs(provisioner.pauseBeforeMs));
  return `${hclBlock(kind, [provisioner.type], hclBody(config))}\n`;
}

function postProcessorBlock(pp: RawPostProcessor): string {
  const config: JsonObject = { ...pp.config };
  if (pp.except.length > 0) config.except = [...pp.except];
  if (pp.only.length > 0) config.only = [...pp.only];
  if (pp.name !== pp.type) config.name = pp.name;
  const keep =
    pp.keepInputArtifact === undefined ? '' : attribute('keep_input_artifact', pp.keepInputArtifact);
  return hclBlock('post-processor', [pp.type], keep + hclBody(config));
}
