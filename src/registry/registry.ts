// Every builder, provisioner and post-processor Kiln runs: adding one is its folder plus one line here.
// The resolved types are discriminated unions on `type`, derived from these lists.
import { qemuBuilder } from '../builders/qemu/index.js';
import type { BuilderPlugin, PostProcessorPlugin, ProvisionerPlugin } from '../plugins/plugin.js';
import type { ResolvedPostProcessor, ResolvedProvisioner } from '../plugins/resolved.js';
import { checksumPostProcessor } from '../post-processors/checksum/index.js';
import { compressPostProcessor } from '../post-processors/compress/index.js';
import { convertPostProcessor } from '../post-processors/convert/index.js';
import { manifestPostProcessor } from '../post-processors/manifest/index.js';
import { ovaPostProcessor } from '../post-processors/ova/index.js';
import { shellLocalPostProcessor } from '../post-processors/shell-local/index.js';
import { vagrantPostProcessor } from '../post-processors/vagrant/index.js';
import { ansibleProvisioner } from '../provisioners/ansible/index.js';
import { ansibleLocalProvisioner } from '../provisioners/ansible-local/index.js';
import { breakpointProvisioner } from '../provisioners/breakpoint/index.js';
import { fileProvisioner } from '../provisioners/file/index.js';
import { puppetMasterlessProvisioner } from '../provisioners/puppet-masterless/index.js';
import { shellProvisioner } from '../provisioners/shell/index.js';
import { shellLocalProvisioner } from '../provisioners/shell-local/index.js';

export const BUILDERS = [qemuBuilder] as const;
export const PROVISIONERS = [
  shellProvisioner,
  shellLocalProvisioner,
  fileProvisioner,
  breakpointProvisioner,
  ansibleProvisioner,
  ansibleLocalProvisioner,
  puppetMasterlessProvisioner,
] as const;
export const POST_PROCESSORS = [
  compressPostProcessor,
  convertPostProcessor,
  shellLocalPostProcessor,
  vagrantPostProcessor,
  checksumPostProcessor,
  manifestPostProcessor,
  ovaPostProcessor,
] as const;

type ConfigOf<P> = P extends { resolve(...args: never[]): infer C } ? C : never;
type ConfigMap<List extends readonly { type: string }[]> = {
  [P in List[number] as P['type']]: ConfigOf<P>;
};
type BuilderConfigs = ConfigMap<typeof BUILDERS>;
type ProvisionerConfigs = ConfigMap<typeof PROVISIONERS>;
type PostProcessorConfigs = ConfigMap<typeof POST_PROCESSORS>;

export type BuilderType = keyof BuilderConfigs;
export type ProvisionerType = keyof ProvisionerConfigs;
export type PostProcessorType = keyof PostProcessorConfigs;

/** A resolved provisioner of any registered type, narrowed by `type`. */
export type AnyProvisioner = {
  [K in ProvisionerType]: ResolvedProvisioner<K, ProvisionerConfigs[K]>;
}[ProvisionerType];
export type AnyPostProcessor = {
  [K in PostProcessorType]: ResolvedPostProcessor<K, PostProcessorConfigs[K]>;
}[PostProcessorType];

interface BuildOf<K extends BuilderType> {
  readonly name: string;
  readonly type: K;
  readonly config: BuilderConfigs[K];
  readonly provisioners: readonly AnyProvisioner[];
  readonly errorCleanupProvisioner: AnyProvisioner | undefined;
  /** Each inner list is a chain: each post-processor's output is the next one's input. */
  readonly postProcessors: readonly (readonly AnyPostProcessor[])[];
}
/** One build of the template: its builder's config plus the provisioners and post-processors it runs. */
export type ResolvedBuild = { [K in BuilderType]: BuildOf<K> }[BuilderType];

// Keyed by type; each entry keeps the pairing of its type with its plugin's config type.
const builderByType: { [K in BuilderType]: BuilderPlugin<K, BuilderConfigs[K]> } = byType(BUILDERS);
const provisionerByType: { [K in ProvisionerType]: ProvisionerPlugin<K, ProvisionerConfigs[K]> } =
  byType(PROVISIONERS);
const postProcessorByType: { [K in PostProcessorType]: PostProcessorPlugin<K, PostProcessorConfigs[K]> } =
  byType(POST_PROCESSORS);

/** Object.fromEntries forgets which key holds which plugin; the one cast that restores it. */
function byType<P extends { type: string }>(
  list: readonly P[],
): { [K in P['type']]: Extract<P, { type: K }> } {
  return Object.fromEntries(list.map((plugin) => [plugin.type, plugin])) as {
    [K in P['type']]: Extract<P, { type: K }>;
  };
}

export function builderPlugin<K extends BuilderType>(type: K): BuilderPlugin<K, BuilderConfigs[K]> {
  return builderByType[type];
}
export function provisionerPlugin<K extends ProvisionerType>(
  type: K,
): ProvisionerPlugin<K, ProvisionerConfigs[K]> {
  return provisionerByType[type];
}
export function postProcessorPlugin<K extends PostProcessorType>(
  type: K,
): PostProcessorPlugin<K, PostProcessorConfigs[K]> {
  return postProcessorByType[type];
}

export function isBuilderType(type: string): type is BuilderType {
  return Object.hasOwn(builderByType, type);
}
export function isProvisionerType(type: string): type is ProvisionerType {
  return Object.hasOwn(provisionerByType, type);
}
export function isPostProcessorType(type: string): type is PostProcessorType {
  return Object.hasOwn(postProcessorByType, type);
}
