// Post-processor `vagrant`: picks the provider from the input's builder (QEMU → libvirt) or provider_override,
// lets the provider list the box's files, adds include files, metadata.json and the Vagrantfile, and streams
// them as one tar (gzip unless compression_level is 0) to `<output>.kiln-partial`, renamed when complete.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ArchiveEntry } from '../../archive/entries.js';
import { writeArchive } from '../../archive/write-archive.js';
import { KilnError } from '../../core/errors.js';
import { type Artifact, filesArtifact, type PostProcessorResult } from '../../plugins/artifact.js';
import type { PostProcessorContext } from '../../plugins/plugin.js';
import type { ProviderProcess } from './box-contents.js';
import type { VagrantConfig, VagrantProvider } from './config.js';
import { libvirtBox } from './libvirt.js';
import { virtualBoxBox } from './virtualbox.js';

export const VAGRANT_BUILDER_ID = 'mitchellh.post-processor.vagrant';

/** Packer's builder id → provider map, for the builders whose artifacts Kiln can box. */
const PROVIDER_BY_BUILDER: Readonly<Record<string, VagrantProvider>> = {
  'transcend.qemu': 'libvirt',
  'mitchellh.virtualbox': 'virtualbox',
};
const PROVIDERS: Readonly<Record<VagrantProvider, ProviderProcess>> = {
  libvirt: libvirtBox,
  virtualbox: virtualBoxBox,
};

export async function runVagrant(
  input: Artifact,
  config: VagrantConfig,
  ctx: PostProcessorContext,
): Promise<PostProcessorResult> {
  const provider = config.providerOverride ?? PROVIDER_BY_BUILDER[input.builderId];
  if (provider === undefined) {
    throw new KilnError(`vagrant: Unknown artifact type, can't build box: ${input.builderId}`, {
      code: 'post-processor',
      hint: 'set provider_override to libvirt or virtualbox',
    });
  }
  const data = { ArtifactId: input.id, BuildName: ctx.buildName, Provider: provider };
  const output = ctx.render(config.output, data);
  ctx.ui.say(`Creating Vagrant box for '${provider}' provider`);
  await mkdir(dirname(output), { recursive: true });
  const workDir = await mkdtemp(join(dirname(output), '.kiln-vagrant-'));
  try {
    const contents = await PROVIDERS[provider](input, { ...ctx, workDir });
    const members = new Map<string, ArchiveEntry>();
    for (const path of config.include) {
      ctx.ui.message(`Copying from include: ${path}`);
      members.set(basename(path), { name: basename(path), path });
    }
    for (const file of contents.files) members.set(file.name, file);
    // An included metadata.json wins (Packer writes metadata only when absent); the Vagrantfile is always ours.
    if (!members.has('metadata.json')) {
      members.set('metadata.json', { name: 'metadata.json', data: metadataJson(contents.metadata) });
    }
    const custom = await customVagrantfile(config, data, ctx);
    members.set('Vagrantfile', {
      name: 'Vagrantfile',
      data: Buffer.from(boxVagrantfile(contents.vagrantfile, custom)),
    });
    // Packer walks its box directory: members in name order.
    const entries = [...members.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const level = config.compressionLevel;
    await writeArchive(
      output,
      entries,
      { container: 'tar', compression: level === 0 ? 'none' : 'gzip', level },
      { ...ctx, step: 'vagrant' },
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return {
    artifact: {
      ...filesArtifact(VAGRANT_BUILDER_ID, [output], `'${provider}' provider box: ${output}`),
      id: provider,
    },
    keepInputDefault: false,
    forceKeepInput: false,
  };
}

/** Go's json.Encoder on a map: keys sorted, a trailing newline. */
export function metadataJson(metadata: Readonly<Record<string, string | number>>): Buffer {
  const sorted = Object.fromEntries(
    Object.keys(metadata)
      .sort()
      .map((key) => [key, metadata[key]]),
  );
  return Buffer.from(`${JSON.stringify(sorted)}\n`);
}

export function boxVagrantfile(provider: string, custom: string): string {
  return `
# The contents below were provided by the Kiln vagrant post-processor
${provider}

# The contents below (if any) are custom contents provided by the
# template during image build.
${custom}
`;
}

async function customVagrantfile(
  config: VagrantConfig,
  data: Readonly<Record<string, string>>,
  ctx: PostProcessorContext,
): Promise<string> {
  if (config.vagrantfileTemplate === undefined) return '';
  ctx.ui.message(`Using custom Vagrantfile: ${config.vagrantfileTemplate}`);
  return ctx.render(await readFile(config.vagrantfileTemplate, 'utf8'), data);
}
