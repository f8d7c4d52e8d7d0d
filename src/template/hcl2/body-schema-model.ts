// What a body is read with (hcl's BodySchema) and what it yields (BodyContent), for either syntax.

import type { Attribute, Block } from '../../hcl/index.js';

export interface BodySchema {
  readonly attributes: readonly string[];
  readonly required?: readonly string[];
  /** Block type → its label names. */
  readonly blocks: Readonly<Record<string, readonly string[]>>;
  /** hcl's PartialContent: what the schema does not name is left alone instead of being an error. */
  readonly partial?: boolean;
}

export interface BodyContent {
  readonly attributes: ReadonlyMap<string, Attribute>;
  /** Blocks with the right number of labels, in file order. */
  readonly blocks: readonly Block[];
}
