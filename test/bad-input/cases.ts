// The bad-input corpus: each template in cases/ (its -var-files in files/) and what its error must name:
// file:line:col and/or the key, and a few words of why. Commands default to validate and build; inspect and
// console are listed where they read the broken part too. Generated cases (10 MB values, symlink loops, …)
// are in generated-cases.ts.

export type BadInputCommand = 'validate' | 'build' | 'inspect' | 'console';

export interface BadInputCase {
  /** The template: a file in cases/, or (generated cases) a path the case creates. */
  readonly file: string;
  /** Substrings every command's error output must contain. */
  readonly expect: readonly string[];
  /** -var-file arguments, relative to test/bad-input/. */
  readonly varFiles?: readonly string[];
  readonly commands?: readonly BadInputCommand[];
}

const ALL: readonly BadInputCommand[] = ['validate', 'build', 'inspect', 'console'];
const LOADED: readonly BadInputCommand[] = ['validate', 'build', 'console'];
/** Packer's console and inspect accept templates that only fail validation (a cycle, an unset variable). */
const BUILT: readonly BadInputCommand[] = ['validate', 'build'];

export const CASES: readonly BadInputCase[] = [
  {
    file: '001-truncated-object.json',
    expect: ['001-truncated-object.json:4:1', 'Error parsing JSON: unexpected end of'],
    commands: ALL,
  },
  {
    file: '002-truncated-string.json',
    expect: ['002-truncated-string.json:1:48', 'Error parsing JSON: unexpected end of'],
    commands: ALL,
  },
  {
    file: '003-truncated-after-colon.json',
    expect: ['003-truncated-after-colon.json:1:13', 'Error parsing JSON: unexpected end of'],
    commands: ALL,
  },
  {
    file: '004-trailing-comma-object.json',
    expect: ['004-trailing-comma-object.json:2:32', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '005-trailing-comma-array.json',
    expect: ['005-trailing-comma-array.json:1:32', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '006-single-quotes.json',
    expect: ['006-single-quotes.json:1:2', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '007-comment.json',
    expect: ['007-comment.json:2:3', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '008-unquoted-key.json',
    expect: ['008-unquoted-key.json:1:2', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '009-missing-colon.json',
    expect: ['009-missing-colon.json:1:13', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '010-bad-escape.json',
    expect: ['010-bad-escape.json:1:20', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '011-control-char-in-string.json',
    expect: ['011-control-char-in-string.json:1:19', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '012-empty-file.json',
    expect: ['012-empty-file.json:1:1', 'Error parsing JSON: unexpected end of'],
    commands: ALL,
  },
  {
    file: '013-whitespace-only.json',
    expect: ['013-whitespace-only.json:3:3', 'Error parsing JSON: unexpected end of'],
    commands: ALL,
  },
  {
    file: '014-root-null.json',
    expect: ['014-root-null.json', 'a template must be a JSON object, found'],
    commands: ALL,
  },
  {
    file: '015-root-array.json',
    expect: ['015-root-array.json', 'a template must be a JSON object, found'],
    commands: ALL,
  },
  {
    file: '016-root-string.json',
    expect: ['016-root-string.json', 'a template must be a JSON object, found'],
    commands: ALL,
  },
  {
    file: '017-root-number.json',
    expect: ['017-root-number.json', 'a template must be a JSON object, found'],
    commands: ALL,
  },
  {
    file: '018-two-documents.json',
    expect: ['018-two-documents.json:1:18', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '019-duplicate-root-key.json',
    expect: ['019-duplicate-root-key.json:1:18', 'template has duplicate field:'],
    commands: ALL,
  },
  {
    file: '020-duplicate-builder-key.json',
    expect: ['020-duplicate-builder-key.json:1:45', 'template has duplicate field:'],
    commands: ALL,
  },
  {
    file: '021-leading-zero-number.json',
    expect: ['021-leading-zero-number.json:1:43', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '022-nan-literal.json',
    expect: ['022-nan-literal.json:1:42', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '023-plus-number.json',
    expect: ['023-plus-number.json:1:40', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '024-bare-word.json',
    expect: ['024-bare-word.json:1:24', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '025-nul-byte-in-file.json',
    expect: ['025-nul-byte-in-file.json:1:31', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '026-nul-escape-in-key.json',
    expect: ['026-nul-escape-in-key.json:1:32', 'builders[0]["mem\\u0000ory"]', 'unknown configuration key'],
  },
  {
    file: '027-non-utf8-outside-string.json',
    expect: ['027-non-utf8-outside-string.json:1:33', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '028-non-utf8-in-key.json',
    expect: ['028-non-utf8-in-key.json:1:100', 'unknown configuration key'],
  },
  {
    file: '029-utf16-file.json',
    expect: ['029-utf16-file.json:1:1', 'Error parsing JSON: invalid character'],
    commands: ALL,
  },
  {
    file: '030-unterminated-array.json',
    expect: ['030-unterminated-array.json:1:31', 'Error parsing JSON: unexpected end of'],
    commands: ALL,
  },
  {
    file: '031-builders-missing.json',
    expect: ['031-builders-missing.json', 'builders', 'at least one builder must be'],
    commands: BUILT,
  },
  {
    file: '032-builders-empty.json',
    expect: ['032-builders-empty.json:2:3', 'builders', 'at least one builder must be'],
    commands: BUILT,
  },
  {
    file: '033-builders-object.json',
    expect: ['033-builders-object.json:2:3', 'builders', 'expected a list, found object'],
    commands: ALL,
  },
  {
    file: '034-builder-string.json',
    expect: ['034-builder-string.json:3:5', 'builders[0]', 'expected a builder object, found string'],
    commands: ALL,
  },
  {
    file: '035-builder-no-type.json',
    expect: ['035-builder-no-type.json:3:5', 'builders[0]', 'builder 1: missing'],
    commands: ALL,
  },
  {
    file: '036-builder-type-number.json',
    expect: ['036-builder-type-number.json:3:5', 'builders[0]', 'builder 1: missing'],
    commands: ALL,
  },
  {
    file: '037-builder-unknown-type.json',
    expect: [
      '037-builder-unknown-type.json:4:7',
      'builders[0].type',
      "unknown builder type 'qemuu' (did you",
    ],
  },
  {
    file: '038-builder-duplicate-names.json',
    expect: ['038-builder-duplicate-names.json:15:7', 'builders[1].name', "builder 2: builder with name 'a'"],
    commands: ALL,
  },
  {
    file: '039-unknown-root-key.json',
    expect: ['039-unknown-root-key.json:2:3', 'buidlers', 'Unknown root level key in template:'],
    commands: ALL,
  },
  {
    file: '040-variables-array.json',
    expect: ['040-variables-array.json:2:3', 'variables', 'expected an object, found array'],
    commands: ALL,
  },
  {
    file: '041-provisioners-object.json',
    expect: ['041-provisioners-object.json:10:3', 'provisioners', 'expected a list, found object'],
    commands: ALL,
  },
  {
    file: '042-provisioner-no-type.json',
    expect: ['042-provisioner-no-type.json:11:5', 'provisioners[0]', 'provisioner missing'],
    commands: ALL,
  },
  {
    file: '043-provisioner-unknown-type.json',
    expect: [
      '043-provisioner-unknown-type.json:12:7',
      'provisioners[0].type',
      "unknown provisioner type 'shel' (did",
    ],
  },
  {
    file: '044-provisioner-unknown-key.json',
    expect: [
      '044-provisioner-unknown-key.json:16:7',
      'provisioners[0].inlien',
      "unknown configuration key: 'inlien'",
    ],
  },
  {
    file: '045-provisioner-only-unknown-build.json',
    expect: [
      '045-provisioner-only-unknown-build.json:17:9',
      'provisioners[0].only[0]',
      "'only' specified builder 'nosuch' not",
    ],
    commands: BUILT,
  },
  {
    file: '046-post-processor-number.json',
    expect: [
      '046-post-processor-number.json:11:5',
      'post-processors[0]',
      'expected a post-processor name, object',
    ],
    commands: ALL,
  },
  {
    file: '047-post-processor-unknown-key.json',
    expect: [
      '047-post-processor-unknown-key.json:14:7',
      'post-processors[0].fromat',
      "unknown configuration key: 'fromat'",
    ],
  },
  {
    file: '048-post-processor-bad-format.json',
    expect: [
      '048-post-processor-bad-format.json:13:7',
      'post-processors[0].format',
      'format must be one of vmdk, raw, vhd,',
    ],
  },
  {
    file: '049-description-number.json',
    expect: ['049-description-number.json:2:3', 'description', 'expected a string, found number'],
    commands: ALL,
  },
  {
    file: '050-comment-key-object.json',
    expect: ['050-comment-key-object.json:2:3', '_comment', 'root level comment "_comment" must be a'],
    commands: ALL,
  },
  {
    file: '051-min-version-too-high.json',
    expect: [
      '051-min-version-too-high.json:2:3',
      'min_packer_version',
      'This template requires Packer version',
    ],
  },
  {
    file: '052-min-version-garbage.json',
    expect: ['052-min-version-garbage.json:2:3', 'min_packer_version', 'min_packer_version is invalid:'],
  },
  {
    file: '053-override-unknown-build.json',
    expect: [
      '053-override-unknown-build.json:17:9',
      'provisioners[0].override.nosuch',
      "override 'nosuch' doesn't",
    ],
    commands: BUILT,
  },
  {
    file: '054-unknown-builder-key.json',
    expect: ['054-unknown-builder-key.json:8:7', 'builders[0].memroy', "unknown configuration key: 'memroy'"],
  },
  {
    file: '055-int-string.json',
    expect: ['055-int-string.json:8:7', 'builders[0].memory', 'expected an integer, found string'],
  },
  {
    file: '056-int-array.json',
    expect: ['056-int-array.json:8:7', 'builders[0].cpus', 'expected an integer, found array'],
  },
  {
    file: '057-int-object.json',
    expect: ['057-int-object.json:8:7', 'builders[0].cpus', 'expected an integer, found object'],
  },
  {
    file: '059-int-huge.json',
    expect: ['059-int-huge.json:1:100', 'builders[0].memory', 'expected an integer, found number'],
  },
  {
    file: '060-int-huge-digits.json',
    expect: ['060-int-huge-digits.json:1:100', 'builders[0].cpus', 'expected an integer, found number 1e+26'],
  },
  {
    file: '061-port-negative.json',
    expect: [
      '061-port-negative.json:8:7',
      'builders[0].http_port_min',
      'http_port_min (-1) must be a port, 0 to',
    ],
  },
  {
    file: '062-port-range-inverted.json',
    expect: [
      '062-port-range-inverted.json:8:7',
      'builders[0].http_port_min',
      'http_port_min (9000) must be less than',
    ],
  },
  {
    file: '063-vnc-range-inverted.json',
    expect: [
      '063-vnc-range-inverted.json:8:7',
      'builders[0].vnc_port_min',
      'vnc_port_min (6000) must be less than',
    ],
  },
  {
    file: '064-disk-size-negative.json',
    expect: [
      '064-disk-size-negative.json:8:7',
      'builders[0].disk_size',
      "invalid disk size '-5G': expected a",
    ],
  },
  {
    file: '065-disk-size-unit.json',
    expect: ['065-disk-size-unit.json:8:7', 'builders[0].disk_size', "invalid disk size '10Q': expected a"],
  },
  {
    file: '066-disk-size-object.json',
    expect: ['066-disk-size-object.json:8:7', 'builders[0].disk_size', 'expected a string, found object'],
  },
  {
    file: '067-disk-size-huge.json',
    expect: ['067-disk-size-huge.json:8:7', 'builders[0].disk_size', 'invalid disk size'],
  },
  {
    file: '068-duration-garbage.json',
    expect: [
      '068-duration-garbage.json:8:7',
      'builders[0].boot_wait',
      'expected a Go duration such as "10s" or',
    ],
  },
  {
    file: '069-duration-array.json',
    expect: [
      '069-duration-array.json:8:7',
      'builders[0].shutdown_timeout',
      'expected a Go duration such as "10s" or',
    ],
  },
  {
    file: '070-duration-huge.json',
    expect: [
      '070-duration-huge.json:8:7',
      'builders[0].boot_wait',
      'expected a Go duration such as "10s" or',
    ],
  },
  {
    file: '071-bool-string.json',
    expect: ['071-bool-string.json:8:7', 'builders[0].headless', 'expected a boolean (true/false), found'],
  },
  {
    file: '072-bool-array.json',
    expect: [
      '072-bool-array.json:8:7',
      'builders[0].disk_compression',
      'expected a boolean (true/false), found',
    ],
  },
  {
    file: '073-string-array.json',
    expect: ['073-string-array.json:8:7', 'builders[0].output_directory', 'expected a string, found array'],
  },
  {
    file: '074-string-object.json',
    expect: ['074-string-object.json:5:7', 'builders[0].iso_url', 'expected a string, found object'],
  },
  {
    file: '075-enum-format.json',
    expect: ['075-enum-format.json:8:7', 'builders[0].format', "expected one of 'qcow2', 'raw', found"],
  },
  {
    file: '076-enum-disk-interface.json',
    expect: [
      '076-enum-disk-interface.json:8:7',
      'builders[0].disk_interface',
      "expected one of 'ide', 'scsi',",
    ],
  },
  {
    file: '077-enum-accelerator.json',
    expect: [
      '077-enum-accelerator.json:8:7',
      'builders[0].accelerator',
      "expected one of 'auto', 'none', 'kvm',",
    ],
  },
  {
    file: '078-enum-disk-cache.json',
    expect: ['078-enum-disk-cache.json:8:7', 'builders[0].disk_cache', "expected one of 'writethrough',"],
  },
  {
    file: '079-enum-communicator.json',
    expect: [
      '079-enum-communicator.json:8:7',
      'builders[0].communicator',
      "communicator type 'telepathy' is",
    ],
  },
  {
    file: '080-string-list-object.json',
    expect: ['080-string-list-object.json:5:7', 'builders[0].iso_urls', 'expected a list of strings, found'],
  },
  {
    file: '081-string-list-nested.json',
    expect: [
      '081-string-list-nested.json:5:7',
      'builders[0].iso_urls',
      'element 0: expected a string, found',
    ],
  },
  {
    file: '083-map-array.json',
    expect: ['083-map-array.json:8:7', 'builders[0].http_content', 'expected an object of strings, found'],
  },
  {
    file: '084-env-vars-object.json',
    expect: [
      '084-env-vars-object.json:16:7',
      'provisioners[0].environment_vars',
      'expected a list of strings, found',
    ],
  },
  {
    file: '085-iso-checksum-garbage.json',
    expect: [
      '085-iso-checksum-garbage.json:6:7',
      'builders[0].iso_checksum',
      'invalid iso_checksum "md5:xyz": "xyz"',
    ],
  },
  {
    file: '086-iso-checksum-short.json',
    expect: [
      '086-iso-checksum-short.json:6:7',
      'builders[0].iso_checksum',
      'invalid iso_checksum "sha256:abcd": a',
    ],
  },
  {
    file: '087-iso-checksum-unknown-type.json',
    expect: ['087-iso-checksum-unknown-type.json:6:7', 'builders[0].iso_checksum', 'invalid iso_checksum'],
  },
  {
    file: '088-iso-missing.json',
    expect: ['088-iso-missing.json:3:5', 'builders[0].iso_url', 'One of iso_url or iso_urls must be'],
  },
  {
    file: '089-ssh-username-missing.json',
    expect: ['089-ssh-username-missing.json:3:5', 'builders[0].ssh_username', 'an ssh_username must be'],
  },
  {
    file: '090-vnc-password-long.json',
    expect: [
      '090-vnc-password-long.json:9:7',
      'builders[0].vnc_password',
      'VNC passwords are at most 8 characters',
    ],
  },
  {
    file: '091-boot-unknown-key-then-wait0.json',
    expect: [
      '091-boot-unknown-key-then-wait0.json:8:7',
      'builders[0].boot_command',
      'Expecting a positive wait value. Got',
    ],
  },
  {
    file: '092-boot-wait-zero.json',
    expect: [
      '092-boot-wait-zero.json:8:7',
      'builders[0].boot_command',
      'Expecting a positive wait value. Got',
    ],
  },
  {
    file: '093-boot-raw-newline.json',
    expect: [
      '093-boot-raw-newline.json:8:7',
      'builders[0].boot_command',
      'no key on a US keyboard types "\\n"',
    ],
  },
  {
    file: '094-boot-non-ascii.json',
    expect: ['094-boot-non-ascii.json:8:7', 'builders[0].boot_command', 'no key on a US keyboard'],
  },
  {
    file: '095-boot-key-interval-garbage.json',
    expect: [
      '095-boot-key-interval-garbage.json:8:7',
      'builders[0].boot_key_interval',
      'expected a Go duration such as "10s" or',
    ],
  },
  {
    file: '096-tpl-unclosed.json',
    expect: ['096-tpl-unclosed.json:8:7', 'builders[0].vm_name', 'unclosed action (missing "}}") in {{'],
  },
  {
    file: '097-tpl-unknown-function.json',
    expect: [
      '097-tpl-unknown-function.json:8:7',
      'builders[0].vm_name',
      'function "nosuchfunc" not defined in {{',
    ],
  },
  {
    file: '098-tpl-user-no-arg.json',
    expect: ['098-tpl-user-no-arg.json:8:7', 'builders[0].vm_name', 'wrong number of args for user: want 1'],
  },
  {
    file: '099-tpl-user-number.json',
    expect: ['099-tpl-user-number.json:8:7', 'builders[0].vm_name', 'wrong argument 1 for user: wrong type'],
  },
  {
    file: '100-tpl-stray-end.json',
    expect: ['100-tpl-stray-end.json:8:7', 'builders[0].vm_name', 'unexpected {{end}}'],
  },
  {
    file: '101-tpl-if-no-arg.json',
    expect: ['101-tpl-if-no-arg.json:8:7', 'builders[0].vm_name', 'missing value for if in {{ if }}'],
  },
  {
    file: '102-tpl-unclosed-if.json',
    expect: ['102-tpl-unclosed-if.json:8:7', 'builders[0].vm_name', 'unexpected EOF'],
  },
  {
    file: '103-tpl-bad-pipe.json',
    expect: ['103-tpl-bad-pipe.json:8:7', 'builders[0].vm_name', 'missing value for command in {{ | upper'],
  },
  {
    file: '104-tpl-split-arity.json',
    expect: ['104-tpl-split-arity.json:8:7', 'builders[0].vm_name', 'wrong number of args for split: want 3'],
  },
  {
    file: '105-tpl-env-in-builder.json',
    expect: [
      '105-tpl-env-in-builder.json:8:7',
      'builders[0].vm_name',
      'error calling env: env is only allowed',
    ],
  },
  {
    file: '106-tpl-in-variable.json',
    expect: ['106-tpl-in-variable.json:3:5', 'variables.a', "error interpolating the value of 'a':"],
    commands: BUILT,
  },
  {
    file: '107-tpl-in-memory.json',
    expect: ['107-tpl-in-memory.json:8:7', 'builders[0].memory', 'wrong number of args for upper: want 1'],
  },
  {
    file: '108-tpl-in-boot-command.json',
    expect: [
      '108-tpl-in-boot-command.json:9:9',
      'builders[0].boot_command[0]',
      'unclosed action (missing "}}") in {{',
    ],
  },
  {
    file: '109-tpl-in-provisioner.json',
    expect: [
      '109-tpl-in-provisioner.json:14:9',
      'provisioners[0].inline[0]',
      'function "nosuch" not defined in {{',
    ],
  },
  {
    file: '110-tpl-unterminated-raw-string.json',
    expect: [
      '110-tpl-unterminated-raw-string.json:8:7',
      'builders[0].vm_name',
      'unterminated raw quoted string in {{',
    ],
  },
  {
    file: '111-tpl-deep-parens.json',
    expect: ['111-tpl-deep-parens.json:8:7', 'builders[0].vm_name', 'max expression depth exceeded (100'],
  },
  {
    file: '112-var-circular.json',
    expect: ['112-var-circular.json:3:5', 'variables.a', 'Failed to interpolate "{{user `b`}}":'],
    commands: BUILT,
  },
  {
    file: '113-var-self.json',
    expect: ['113-var-self.json:3:5', 'variables.a', 'Failed to interpolate "x{{user `a`}}":'],
    commands: BUILT,
  },
  {
    file: '114-var-three-cycle.json',
    expect: ['114-var-three-cycle.json:3:5', 'variables.a', 'Failed to interpolate "{{user `b`}}":'],
    commands: BUILT,
  },
  {
    file: '115-var-required-missing.json',
    expect: ['115-var-required-missing.json:3:5', 'variables.pw', 'required variable not set:'],
    commands: BUILT,
  },
  {
    file: '116-var-default-number.json',
    expect: ['116-var-default-number.json:3:5', 'variables.n', 'variable defaults must be strings (or'],
    commands: LOADED,
  },
  {
    file: '117-var-default-object.json',
    expect: ['117-var-default-object.json:3:5', 'variables.n', 'variable defaults must be strings (or'],
    commands: LOADED,
  },
  {
    file: '118-var-default-array.json',
    expect: ['118-var-default-array.json:3:5', 'variables.n', 'variable defaults must be strings (or'],
    commands: LOADED,
  },
  {
    file: '119-sensitive-undeclared-and-error.json',
    expect: [
      '119-sensitive-undeclared-and-error.json:3:5',
      'variables.a',
      'variable defaults must be strings (or',
    ],
    commands: LOADED,
  },
  {
    file: '120-int-hex-garbage.json',
    expect: ['120-int-hex-garbage.json:8:7', 'builders[0].memory', 'expected an integer, found string'],
  },
  {
    file: '121-int-string-out-of-range.json',
    expect: ['121-int-string-out-of-range.json:8:7', 'builders[0].cpus', 'expected an integer, found string'],
  },
  {
    file: '122-memory-string-float.json',
    expect: ['122-memory-string-float.json:8:7', 'builders[0].memory', 'expected an integer, found string'],
  },
  {
    file: '123-disk-additional-size-bad.json',
    expect: [
      '123-disk-additional-size-bad.json:9:9',
      'builders[0].disk_additional_size[0]',
      'invalid disk size',
    ],
  },
  {
    file: '124-qemu-img-args-unknown.json',
    expect: [
      '124-qemu-img-args-unknown.json:9:9',
      'builders[0].qemu_img_args.rebase',
      "unknown qemu_img_args key 'rebase';",
    ],
  },
  {
    file: '125-backing-file-without-disk-image.json',
    expect: [
      '125-backing-file-without-disk-image.json:8:7',
      'builders[0].use_backing_file',
      'use_backing_file can only be enabled',
    ],
  },
  {
    file: '126-boot-command-with-vnc-disabled.json',
    expect: [
      '126-boot-command-with-vnc-disabled.json:9:7',
      'builders[0].boot_command',
      'A boot command cannot be used when vnc',
    ],
  },
  {
    file: '127-http-directory-and-content.json',
    expect: [
      '127-http-directory-and-content.json:9:7',
      'builders[0].http_content',
      'http_directory and http_content cannot',
    ],
  },
  {
    file: '128-http-directory-missing.json',
    expect: [
      '128-http-directory-missing.json:8:7',
      'builders[0].http_directory',
      'http_directory not found:',
    ],
  },
  {
    file: '130-shell-script-missing.json',
    expect: ['130-shell-script-missing.json:13:7', 'provisioners[0].script', 'script file not found:'],
  },
  {
    file: '131-shell-script-directory.json',
    expect: [
      '131-shell-script-directory.json:13:7',
      'provisioners[0].script',
      'script is a directory, not a file:',
    ],
  },
  {
    file: '132-shell-inline-and-script.json',
    expect: [
      '132-shell-inline-and-script.json:11:5',
      'provisioners[0]',
      'Only a script file or an inline script',
    ],
  },
  {
    file: '133-shell-local-no-command.json',
    expect: [
      '133-shell-local-no-command.json:11:5',
      'provisioners[0]',
      'Command, Inline, Script and Scripts',
    ],
  },
  {
    file: '134-provisioner-only-and-except.json',
    expect: [
      '134-provisioner-only-and-except.json:11:5',
      'provisioners[0]',
      "only one of 'only' or 'except' may be",
    ],
    commands: BUILT,
  },
  {
    file: '135-provisioner-pause-before-garbage.json',
    expect: [
      '135-provisioner-pause-before-garbage.json:16:7',
      'provisioners[0].pause_before',
      'expected a Go duration such as "10s" or',
    ],
    commands: ALL,
  },
  {
    file: '136-post-processor-unknown-type.json',
    expect: [
      '136-post-processor-unknown-type.json:12:7',
      'post-processors[0].type',
      'unknown post-processor type',
    ],
  },
  {
    file: '137-error-cleanup-unknown-type.json',
    expect: [
      '137-error-cleanup-unknown-type.json:11:5',
      'error-cleanup-provisioner.type',
      "unknown provisioner type 'shel' (did",
    ],
  },
  {
    file: '138-tpl-variable-split-arity.json',
    expect: ['138-tpl-variable-split-arity.json:3:5', 'variables.a', "error interpolating the value of 'a':"],
    commands: BUILT,
  },
  {
    file: '139-tpl-isotime-number.json',
    expect: ['139-tpl-isotime-number.json:8:7', 'builders[0].vm_name', 'wrong argument 1 for isotime: wrong'],
  },
  {
    file: '140-var-file-truncated.json',
    expect: ['vars-truncated.json:1:10', 'Error parsing JSON: unexpected end of'],
    varFiles: ['files/vars-truncated.json'],
    commands: LOADED,
  },
  {
    file: '141-var-file-array.json',
    expect: ['files', 'a variables file must hold a JSON'],
    varFiles: ['files/vars-array.json'],
    commands: LOADED,
  },
  {
    file: '142-var-file-number-value.json',
    expect: ['vars-number-value.json:1:2', '(a)', 'variable values must be strings, found'],
    varFiles: ['files/vars-number-value.json'],
    commands: LOADED,
  },
  {
    file: '143-var-file-nested-object.json',
    expect: ['vars-nested-object.json:1:2', '(a)', 'variable values must be strings, found'],
    varFiles: ['files/vars-nested-object.json'],
    commands: LOADED,
  },
  {
    file: '145-var-file-nul-byte.json',
    expect: ['vars-nul-byte.json:1:6', 'Error parsing JSON: invalid character'],
    varFiles: ['files/vars-nul-byte.json'],
    commands: LOADED,
  },
  {
    file: '146-var-file-non-utf8.json',
    expect: ['vars-non-utf8.json:1:2', 'Error parsing JSON: invalid character'],
    varFiles: ['files/vars-non-utf8.json'],
    commands: LOADED,
  },
  {
    file: '147-var-file-empty.json',
    expect: ['vars-empty.json:1:1', 'Error parsing JSON: unexpected end of'],
    varFiles: ['files/vars-empty.json'],
    commands: LOADED,
  },
  {
    file: '148-var-file-comment.json',
    expect: ['vars-comment.json:2:3', 'Error parsing JSON: invalid character'],
    varFiles: ['files/vars-comment.json'],
    commands: LOADED,
  },
  {
    file: '149-var-file-missing.json',
    expect: ["no-such-vars.json'", 'cannot read variables file: ENOENT: no'],
    varFiles: ['files/no-such-vars.json'],
    commands: LOADED,
  },
  {
    file: '150-var-file-directory.json',
    expect: ['files', 'cannot read variables file: EISDIR:'],
    varFiles: ['files'],
    commands: LOADED,
  },
  {
    file: '151-checksum-file-empty.json',
    expect: [
      '151-checksum-file-empty.json:6:7',
      'builders[0].iso_checksum',
      'no checksum found for tiny.iso in',
    ],
  },
  {
    file: '152-checksum-file-garbage.json',
    expect: [
      '152-checksum-file-garbage.json:6:7',
      'builders[0].iso_checksum',
      'no checksum found for tiny.iso in',
    ],
  },
  {
    file: '153-checksum-file-no-entry.json',
    expect: [
      '153-checksum-file-no-entry.json:6:7',
      'builders[0].iso_checksum',
      'no checksum found for tiny.iso in',
    ],
  },
  {
    file: '154-checksum-file-short-digest.json',
    expect: [
      '154-checksum-file-short-digest.json:6:7',
      'builders[0].iso_checksum',
      'no checksum found for tiny.iso in',
    ],
  },
  {
    file: '155-checksum-file-non-utf8.json',
    expect: [
      '155-checksum-file-non-utf8.json:6:7',
      'builders[0].iso_checksum',
      'no checksum found for tiny.iso in',
    ],
  },
  {
    file: '156-checksum-file-missing.json',
    expect: ['156-checksum-file-missing.json:6:7', 'builders[0].iso_checksum', 'checksum file'],
  },
  {
    file: '157-checksum-file-directory.json',
    expect: ['157-checksum-file-directory.json:6:7', 'builders[0].iso_checksum', 'cannot read checksum file'],
  },
  {
    file: '158-hcl2-template.pkr.hcl',
    expect: ['158-hcl2-template.pkr.hcl:4:3', "unknown configuration key: 'ssh_usernme'"],
    // inspect shows HCL2 builds as written; console evaluates only variables and locals.
    commands: ['validate', 'build'],
  },
  {
    file: '159-hcl2-syntax-error.pkr.hcl',
    expect: ['159-hcl2-syntax-error.pkr.hcl:2:30', 'Missing newline after argument'],
    commands: ALL,
  },
  {
    file: '160-hcl2-directory',
    expect: ['160-hcl2-directory/variables.pkr.hcl:2:16', 'Missing item separator'],
    commands: ALL,
  },
  {
    file: '161-hcl2-directory-unknown-source',
    expect: ['sources.pkr.hcl:7:1', 'Unknown source qemu.exmple: Did you mean to use "qemu.example"?'],
    // Packer's inspect prints builds whatever their sources.
    commands: BUILT,
  },
  {
    file: '162-hcl2-variable-bad-default.pkr.hcl',
    expect: [
      '162-hcl2-variable-bad-default.pkr.hcl:3:13',
      "Invalid default value for variable: This default value is not compatible with the variable's type constraint: a number is required.",
    ],
    commands: ALL,
  },
  {
    file: '163-hcl2-locals-cycle.pkr.hcl',
    expect: ['163-hcl2-locals-cycle.pkr.hcl:', 'cyclic dependency: local.a → local.b → local.a'],
    // Packer's inspect ignores what its Initialize finds (locals included).
    commands: LOADED,
  },
  {
    file: '164-hcl2-variable-unsupported-argument.pkr.hcl',
    expect: [
      '164-hcl2-variable-unsupported-argument.pkr.hcl:3:3',
      'Unsupported argument: An argument named "defualt" is not expected here.',
    ],
    commands: ALL,
  },
  {
    file: '165-hcl2-validation-fails.pkr.hcl',
    expect: [
      '165-hcl2-validation-fails.pkr.hcl:3:13',
      'Invalid value for default variable: At least one CPU is needed.',
      'checked by the validation rule at',
    ],
    commands: ['validate', 'build', 'console'],
  },
  {
    file: '166-hcl2-var-file-declares.pkr.hcl',
    varFiles: ['files/166-declares.pkrvars.hcl'],
    expect: ['166-declares.pkrvars.hcl:1:1', 'Variable declaration in a .pkrvar file'],
    commands: ['validate', 'build', 'console'],
  },
  {
    file: '167-hcl2-required-version.pkr.hcl',
    expect: [
      '167-hcl2-required-version.pkr.hcl:2:22',
      'Unsupported Packer Core version',
      'Packer version 1.9.4',
    ],
    commands: ALL,
  },
  {
    // The source frame shows the default's line: its sensitive value is redacted there too.
    file: '168-hcl2-sensitive-in-error.pkr.hcl',
    expect: ['168-hcl2-sensitive-in-error.pkr.hcl:3:15', 'default   = "<sensitive>"'],
    commands: ['validate', 'build', 'console'],
  },
  {
    file: '169-hcl2-duplicate-variable.pkr.hcl',
    expect: [
      '169-hcl2-duplicate-variable.pkr.hcl:5:1',
      'Duplicate variable: Duplicate name variable definition found.',
    ],
    commands: ALL,
  },
  {
    file: '170-hcl2-bad-type.pkr.hcl',
    expect: [
      '170-hcl2-bad-type.pkr.hcl:2:10',
      'Invalid type specification: The list type constructor requires one argument specifying the element type.',
    ],
    commands: ALL,
  },
];
