// http_bind_address: Kiln listens on loopback unless told otherwise, and says so when it is told otherwise.
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/builders/qemu/steps/start-http-server.js';
import { stepContext } from './qemu-step-context.js';
import { useTempDir } from './template-fixture.js';

const tmp = useTempDir();
const signal = new AbortController().signal;

async function listening(options: Record<string, unknown>) {
  const ctx = await stepContext(tmp, { http_content: { '/a': 'x' }, ...options });
  const step = startHttpServer();
  await step.run(ctx, signal);
  try {
    return { host: ctx.state.http?.host, lines: ctx.ui.lines };
  } finally {
    await step.cleanup?.(ctx, { outcome: 'success', signal });
  }
}

describe('http_bind_address', () => {
  it('defaults to 127.0.0.1 without a warning', async () => {
    const { host, lines } = await listening({});
    expect(host).toBe('127.0.0.1');
    expect(lines.join('\n')).not.toMatch(/Warning/);
  });

  it('binds an explicit 0.0.0.0, with one warning line', async () => {
    const { host, lines } = await listening({ http_bind_address: '0.0.0.0' });
    expect(host).toBe('0.0.0.0');
    expect(lines.filter((line) => line.includes('Warning'))).toEqual([
      "!!! Warning: http_bind_address 0.0.0.0: the HTTP server is reachable from other machines (Kiln's default is 127.0.0.1)",
    ]);
    expect(lines.join('\n')).toMatch(/Started HTTP server on 0\.0\.0\.0:\d+/);
  });
});
