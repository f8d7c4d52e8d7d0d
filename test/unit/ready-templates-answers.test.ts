// The ready templates' answer files, checked by the distributions' own tools where they install here
// (debconf-set-selections, cloud-init schema, Subiquity's published JSON schema) and otherwise offline:
// the kickstart's commands and sections (pykickstart is not packaged in Debian 12), the Alpine answer file's
// syntax and keys (it is sourced shell). test/fixtures/subiquity/README.md says where the schema comes from.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
type Variables = Record<string, string> & { ssh_username: string; ssh_password: string };
const defaults = (name: string): Variables =>
  (JSON.parse(read(`templates/${name}.json`)) as { variables: Variables }).variables;
const tmp = mkdtempSync(join(tmpdir(), 'kiln-answers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Debian preseed (http/debian/preseed.cfg)', () => {
  const preseed = read('http/debian/preseed.cfg');

  it('passes debconf-set-selections --checkonly', async () => {
    const run = await execa(
      'debconf-set-selections',
      ['--checkonly', join(ROOT, 'http/debian/preseed.cfg')],
      {
        reject: false,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('leaves the account and mirror to the boot line (a value here would override it)', () => {
    for (const key of ['passwd/username', 'passwd/user-password', 'mirror/http/hostname', 'mirror/country']) {
      expect(preseed).not.toMatch(new RegExp(`^d-i ${key} `, 'm'));
    }
    const { builders } = JSON.parse(read('templates/debian12.json')) as {
      builders: { boot_command: string[] }[];
    };
    const boot = builders.map((b) => b.boot_command.join('')).join('\n');
    for (const key of ['passwd/username=', 'passwd/user-password=', 'passwd/user-password-again=']) {
      expect(boot).toContain(key);
    }
  });
});

describe('Ubuntu autoinstall (http/ubuntu/user-data)', () => {
  const text = read('http/ubuntu/user-data');
  const autoinstall = (parse(text) as { autoinstall: Record<string, unknown> }).autoinstall;

  it('is valid cloud-config for cloud-init schema', async () => {
    const run = await execa('cloud-init', ['schema', '--config-file', join(ROOT, 'http/ubuntu/user-data')], {
      reject: false,
    });
    expect(run.stdout).toContain('Valid cloud-config');
    expect(run.exitCode).toBe(0);
  });

  it("is valid against Subiquity's autoinstall JSON schema", () => {
    const schema = JSON.parse(read('test/fixtures/subiquity/autoinstall-schema.json')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(autoinstall), JSON.stringify(validate.errors)).toBe(true);
    // The schema can fail: an identity without a password is refused.
    expect(validate({ ...autoinstall, identity: { username: 'x', hostname: 'y' } })).toBe(false);
  });

  it("has the template's default account: the password hash is of ssh_password", async () => {
    const { ssh_username: user, ssh_password: password } = defaults('ubuntu2404');
    const identity = autoinstall.identity as { username: string; password: string };
    expect(identity.username).toBe(user);
    const salt = identity.password.split('$')[2] ?? '';
    const run = await execa('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], { input: password });
    expect(run.stdout).toBe(identity.password);
    expect(autoinstall['late-commands']).toContain(`chmod 0440 /target/etc/sudoers.d/${user}`);
  });
});

describe('EL9 kickstart (http/el9/ks.cfg)', () => {
  const ks = read('http/el9/ks.cfg');
  const lines = ks.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
  /** The body of the section that starts with a line `%<name>…`, up to its `%end`. */
  const section = (name: string): string[] => {
    const start = lines.findIndex((line) => line.split(' ')[0] === `%${name}`);
    return lines.slice(start + 1, lines.indexOf('%end', start));
  };

  it('has the commands an unattended install needs, once each', () => {
    const commands = lines.map((line) => line.split(/\s+/)[0]);
    for (const command of [
      'text',
      'lang',
      'keyboard',
      'timezone',
      'network',
      'rootpw',
      'zerombr',
      'clearpart',
    ]) {
      expect(commands.filter((c) => c === command)).toHaveLength(1);
    }
    for (const command of ['reqpart', 'part', 'bootloader', 'reboot', 'services', '%include']) {
      expect(commands).toContain(command);
    }
  });

  it('opens and closes every section, %packages holding the minimal environment, SSH and sudo', () => {
    const sections = lines
      .filter((line) => /^%(packages|pre|post|end)\b/.test(line))
      .map((l) => l.split(' ')[0]);
    expect(sections).toEqual(['%packages', '%end', '%pre', '%end', '%post', '%end']);
    expect(section('packages')).toEqual(
      expect.arrayContaining(['@^minimal-environment', 'openssh-server', 'sudo']),
    );
  });

  it('%pre turns kiln.user= and kiln.password= on the boot line into the user command', async () => {
    const pre = section('pre').join('\n');
    const cmdline = join(tmp, 'cmdline');
    const out = join(tmp, 'user.ks');
    writeFileSync(
      cmdline,
      'BOOT_IMAGE=vmlinuz inst.ks=http://x/ks.cfg kiln.user=ops kiln.password=pa55-word quiet\n',
    );
    const script = pre.replaceAll('/proc/cmdline', cmdline).replaceAll('/tmp/kiln-user.ks', out);
    await execa('sh', ['-c', script]);
    expect(readFileSync(out, 'utf8')).toBe(
      'user --name=ops --groups=wheel --plaintext --password=pa55-word\n',
    );
    expect(ks).toContain('%include /tmp/kiln-user.ks');
  });
});

describe('Alpine answer file (http/alpine/answers)', () => {
  const answers = join(ROOT, 'http/alpine/answers');

  it('parses with sh -n', async () => {
    await execa('sh', ['-n', answers]);
  });

  it('sets every key setup-alpine -f would otherwise ask for, the user from the environment', async () => {
    const keys = [
      'KEYMAPOPTS',
      'HOSTNAMEOPTS',
      'DEVDOPTS',
      'INTERFACESOPTS',
      'DNSOPTS',
      'TIMEZONEOPTS',
      'PROXYOPTS',
    ];
    keys.push('APKREPOSOPTS', 'USEROPTS', 'SSHDOPTS', 'NTPOPTS', 'DISKOPTS', 'LBUOPTS', 'APKCACHEOPTS');
    const script = `. "$1" 2>/dev/null; for k in ${keys.join(' ')}; do eval "[ \\"\\\${$k+set}\\" = set ]" || echo "missing $k"; done; echo "$USEROPTS"`;
    const run = await execa('sh', ['-c', script, 'sh', answers], { env: { KILN_USER: 'ops' } });
    expect(run.stdout).toBe('-a ops');
  });
});
