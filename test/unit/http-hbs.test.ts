import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  hbsTransform,
  type RunningHttpServer,
  startHttpServer,
  TEMPLATE_EXTENSION,
} from '../../src/http/index.js';

let dir: string;
let server: RunningHttpServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-hbs-'));
  await writeFile(
    join(dir, 'preseed.cfg.hbs'),
    'd-i passwd/username string {{user}}\nd-i mirror {{mirror}}&x=1\n',
  );
  await writeFile(join(dir, 'plain.cfg'), 'raw {{user}}\n');
  await writeFile(join(dir, 'broken.cfg.hbs'), 'hello {{nobody}}\n');
});

afterEach(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function serve(): Promise<string> {
  server = await startHttpServer({
    directory: dir,
    portRange: { min: 20000, max: 30000 },
    transform: hbsTransform({ user: 'vagrant', mirror: 'http://mirror.example/debian' }),
    templateExtension: TEMPLATE_EXTENSION,
  });
  return `http://127.0.0.1:${server.port}`;
}

describe('.hbs files in http_directory', () => {
  it('are rendered with the variables and served without the extension, unescaped', async () => {
    const base = await serve();
    const response = await fetch(`${base}/preseed.cfg?x=1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      'd-i passwd/username string vagrant\nd-i mirror http://mirror.example/debian&x=1\n',
    );
    expect(await (await fetch(`${base}/preseed.cfg.hbs`)).text()).toContain('string vagrant');
  });

  it('leave other files byte for byte', async () => {
    const base = await serve();
    expect(await (await fetch(`${base}/plain.cfg`)).text()).toBe('raw {{user}}\n');
  });

  it('fail loudly on an unknown variable instead of serving an empty value', async () => {
    const base = await serve();
    const response = await fetch(`${base}/broken.cfg`);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('cannot render broken.cfg.hbs: "nobody" not defined');
    expect(server?.requests().at(-1)).toMatchObject({
      status: 500,
      error: expect.stringContaining('"nobody" not defined'),
    });
  });
});
