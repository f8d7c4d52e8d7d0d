// Files ending in `.hbs` under http_directory are Handlebars templates rendered with the build's variables,
// so one preseed or kickstart can take its user, password, packages or mirror from `variables`.
// `preseed.cfg.hbs` is served as `/preseed.cfg` (and as itself); every other file goes out byte for byte.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import Handlebars from 'handlebars';
import { KilnError } from '../core/errors.js';
import type { FileTransform } from './responses.js';

export const TEMPLATE_EXTENSION = '.hbs';

export function hbsTransform(data: Readonly<Record<string, string | number>>): FileTransform {
  return async (file) => {
    if (!file.filePath.endsWith(TEMPLATE_EXTENSION)) return undefined;
    const source = await readFile(file.filePath, 'utf8');
    // noEscape: these are config files, not HTML (Handlebars would turn `=` into `&#x3D;`).
    // strict: a misspelt variable is an error the build log shows, not an empty string in a preseed.
    try {
      const render = Handlebars.compile(source, { noEscape: true, strict: true });
      return { body: render(data), contentType: contentTypeOf(file.urlPath) };
    } catch (error) {
      const reason = (error as Error).message.replace(' in [object Object]', '');
      throw new KilnError(`cannot render ${basename(file.filePath)}: ${reason}`, {
        code: 'http-template',
        cause: error,
      });
    }
  };
}

function contentTypeOf(urlPath: string): string | undefined {
  return urlPath.endsWith(TEMPLATE_EXTENSION) ? 'text/plain; charset=utf-8' : undefined;
}
