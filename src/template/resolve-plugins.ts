// Resolves provisioners and post-processors for one build: override merge, type dispatch, typed configs.

import { didYouMean } from '../core/suggest.js';
import { resolveConvertConfig } from '../post-processors/convert/config.js';
import { resolveShellConfig } from '../provisioners/shell/config.js';
import { resolveShellLocalConfig } from '../provisioners/shell-local/config.js';
import type { ScriptCheckEnv } from './decode/check-scripts.js';
import type { DecodeEnv } from './decode/decode-config.js';
import type { RawPostProcessor, RawProvisioner } from './raw-template.js';
import { appliesToBuild, type ResolvedPostProcessor, type ResolvedProvisioner } from './resolved-build.js';

export type PluginEnv = DecodeEnv & ScriptCheckEnv;

const PROVISIONERS = ['shell', 'shell-local'];
const POST_PROCESSORS = ['convert', 'shell-local'];
// Plugin types Packer 1.6.6 ships that Kiln does not run yet: validate warns, build fails.
const PACKER_PROVISIONERS = [
  'ansible',
  'ansible-local',
  'breakpoint',
  'chef-client',
  'chef-solo',
  'converge',
  'file',
  'inspec',
  'powershell',
  'puppet-masterless',
  'puppet-server',
  'salt-masterless',
  'sleep',
  'windows-restart',
  'windows-shell',
];
const PACKER_POST_PROCESSORS = [
  'alicloud-import',
  'amazon-import',
  'artifice',
  'checksum',
  'compress',
  'digitalocean-import',
  'docker-import',
  'docker-push',
  'docker-save',
  'docker-tag',
  'exoscale-import',
  'googlecompute-export',
  'googlecompute-import',
  'manifest',
  'ucloud-import',
  'vagrant',
  'vagrant-cloud',
  'vsphere',
  'vsphere-template',
  'yandex-export',
  'yandex-import',
];

export function resolveProvisioner(
  raw: RawProvisioner,
  build: string,
  env: PluginEnv,
): ResolvedProvisioner | undefined {
  const config = { ...raw.config, ...(raw.override[build] ?? {}) };
  const common = {
    only: raw.only,
    except: raw.except,
    applies: appliesToBuild(raw, build),
    pauseBeforeMs: raw.pauseBeforeMs,
    maxRetries: raw.maxRetries,
    timeoutMs: raw.timeoutMs,
    path: raw.path,
  };
  if (raw.type === 'shell')
    return { ...common, type: 'shell', config: resolveShellConfig(config, raw.path, env) };
  if (raw.type === 'shell-local') {
    return { ...common, type: 'shell-local', config: resolveShellLocalConfig(config, raw.path, env, false) };
  }
  reportUnknownType('provisioner', raw.type, `${raw.path}.type`, PROVISIONERS, env);
  return undefined;
}

export function resolvePostProcessor(
  raw: RawPostProcessor,
  build: string,
  env: PluginEnv,
): ResolvedPostProcessor | undefined {
  const common = {
    name: raw.name,
    only: raw.only,
    except: raw.except,
    applies: appliesToBuild(raw, build),
    keepInputArtifact: raw.keepInputArtifact,
    path: raw.path,
  };
  if (raw.type === 'convert')
    return { ...common, type: 'convert', config: resolveConvertConfig(raw.config, raw.path, env) };
  if (raw.type === 'shell-local') {
    return {
      ...common,
      type: 'shell-local',
      config: resolveShellLocalConfig(raw.config, raw.path, env, true),
    };
  }
  reportUnknownType('post-processor', raw.type, `${raw.path}.type`, POST_PROCESSORS, env);
  return undefined;
}

function reportUnknownType(
  kind: string,
  type: string,
  path: string,
  known: readonly string[],
  env: PluginEnv,
): void {
  const list = known.map((k) => `'${k}'`).join(', ');
  const packerTypes = kind === 'provisioner' ? PACKER_PROVISIONERS : PACKER_POST_PROCESSORS;
  if (packerTypes.includes(type)) {
    env.problems.unsupported(path, `${kind} type '${type}' is not supported by Kiln yet; available: ${list}`);
  } else {
    env.problems.add(path, `unknown ${kind} type '${type}'${didYouMean(type, known)}; available: ${list}`);
  }
}
