// Test helper: writes templates and side files into a fresh temporary directory, removed after each test.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';

export function useTempDir(): { dir: () => string; write: (name: string, content: unknown) => string } {
  let current: string | undefined;
  afterEach(() => {
    if (current) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  const dir = (): string => {
    current ??= mkdtempSync(join(tmpdir(), 'kiln-template-'));
    return current;
  };
  const write = (name: string, content: unknown): string => {
    const path = join(dir(), name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  return { dir, write };
}

export async function templateFailure(promise: Promise<unknown> | (() => unknown)): Promise<TemplateError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

/** A minimal valid qemu builder to extend in tests. */
export const QEMU = {
  type: 'qemu',
  iso_url: 'debian.iso',
  iso_checksum: 'none',
  ssh_username: 'root',
} as const;
