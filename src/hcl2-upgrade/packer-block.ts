// Packer's PackerParser: `required_version` from min_packer_version, and `required_plugins` for the plugin
// families Packer knows the source of (by type prefix, e.g. qemu → github.com/hashicorp/qemu).

import type { RawTemplate } from '../template/raw-template.js';
import { attribute, hclBlock } from './hcl-body.js';
import { byteOrder, hclValue } from './hcl-literal.js';

const KNOWN_PLUGIN_PREFIXES = [
  'amazon',
  'ansible',
  'azure',
  'docker',
  'googlecompute',
  'qemu',
  'vagrant',
  'vmware',
  'vsphere',
];

export function packerBlock(tpl: RawTemplate): string {
  const types = [
    ...tpl.builders.map((b) => b.type),
    ...tpl.provisioners.map((p) => p.type),
    ...tpl.postProcessors.flat().map((pp) => pp.type),
  ];
  const plugins = KNOWN_PLUGIN_PREFIXES.filter((prefix) => types.some((type) => type.startsWith(prefix)))
    .map((prefix) => `github.com/hashicorp/${prefix}`)
    .sort(byteOrder);
  const minVersion = tpl.minPackerVersion ?? '';
  if (minVersion === '' && plugins.length === 0) return '';
  let body = minVersion === '' ? '' : attribute('required_version', `>= ${minVersion}`);
  if (plugins.length > 0) {
    const lines = plugins.map((source) => {
      const name = source.replace('github.com/hashicorp/', '');
      return `${name} = ${hclValue({ source, version: '~> 1' })}\n`;
    });
    body += hclBlock('required_plugins', [], lines.join(''));
  }
  return hclBlock('packer', [], body);
}
