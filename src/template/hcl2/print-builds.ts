// Packer's printBuilds (`packer inspect` in HCL2 mode): each build block with its sources, provisioners and
// post-processor chains, as written (nothing evaluated per source).

import type { BuildBlock } from './builds.js';

export function printBuilds(builds: readonly BuildBlock[]): string {
  let out = '> builds:\n';
  for (const [i, build] of builds.entries()) {
    out += `\n  > ${build.name === '' ? `<unnamed build ${i}>` : build.name}:\n`;
    if (build.description !== '') out += `\n  > Description: ${build.description}\n`;
    out += '\n    sources:\n';
    if (build.sources.length === 0) out += '\n      <no source>\n';
    for (const source of build.sources) out += `\n      ${source.type}.${source.localName}\n`;
    out += '\n    provisioners:\n\n';
    if (build.provisioners.length === 0) out += '      <no provisioner>\n';
    for (const p of build.provisioners) out += `      ${typeAndName(p)}\n`;
    out += '\n    post-processors:\n';
    if (build.postProcessors.length === 0) out += '\n      <no post-processor>\n';
    for (const [j, chain] of build.postProcessors.entries()) {
      out += `\n      ${j}:\n`;
      for (const pp of chain) out += `        ${typeAndName(pp)}\n`;
    }
  }
  return out;
}

function typeAndName(block: { readonly type: string; readonly name: string }): string {
  return block.name === '' ? block.type : `${block.type}.${block.name}`;
}
