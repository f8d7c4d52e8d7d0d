// `clean_resource_name`: Packer's image-name cleanup (googlecompute flavour): lower-case, [a-z0-9-] only.

const VALID_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function cleanResourceName(name: string): string {
  if (VALID_NAME.test(name)) return name;
  return name.toLowerCase().replace(/[^a-z0-9]/g, '-');
}
