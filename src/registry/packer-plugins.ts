// Plugin types Packer 1.6.6 ships that Kiln does not run: naming them gives a "not implemented" error
// instead of "unknown type", so a user knows the template is fine and Kiln is the gap.

export const PACKER_PROVISIONERS: readonly string[] = [
  'chef-client',
  'chef-solo',
  'converge',
  'inspec',
  'powershell',
  'puppet-server',
  'salt-masterless',
  'sleep',
  'windows-restart',
  'windows-shell',
];

export const PACKER_POST_PROCESSORS: readonly string[] = [
  'alicloud-import',
  'amazon-import',
  'artifice',
  'digitalocean-import',
  'docker-import',
  'docker-push',
  'docker-save',
  'docker-tag',
  'exoscale-import',
  'googlecompute-export',
  'googlecompute-import',
  'ucloud-import',
  'vagrant-cloud',
  'vsphere',
  'vsphere-template',
  'yandex-export',
  'yandex-import',
];
