// Template variables ($x) in scope while a template runs: declared, assigned, popped at the end of a block.

import { DeferRender } from './template-errors.js';
import type { TemplateValue } from './values.js';

interface Entry {
  readonly name: string;
  value: TemplateValue;
  /** Declared by an action kept for a later phase: using it keeps the using action too. */
  deferred: boolean;
}

export class TemplateVariables {
  private readonly entries: Entry[];

  constructor(root: TemplateValue) {
    this.entries = [{ name: '$', value: root, deferred: false }];
  }

  mark(): number {
    return this.entries.length;
  }

  pop(mark: number): void {
    this.entries.length = mark;
  }

  declare(name: string, value: TemplateValue, deferred = false): void {
    this.entries.push({ name, value, deferred });
  }

  assign(name: string, value: TemplateValue): void {
    const entry = this.find(name);
    entry.value = value;
    entry.deferred = false;
  }

  get(name: string): TemplateValue {
    const entry = this.find(name);
    if (entry.deferred) throw new DeferRender(name);
    return entry.value;
  }

  private find(name: string): Entry {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i] as Entry;
      if (entry.name === name) return entry;
    }
    // The parser rejects undeclared variables; this is a bug if reached.
    throw new Error(`undefined variable "${name}"`);
  }
}
