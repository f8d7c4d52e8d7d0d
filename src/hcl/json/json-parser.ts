// HCL's JSON syntax parser (hcl's json.Parse): one JSON value with source ranges, with hcl's messages for what
// is not JSON (a trailing comma, `=` for `:`, `True`). The first error is thrown, as the native parser does.

import type { SourceLocator } from '../source-range.js';
import type { JsonArray, JsonNode, JsonObject, JsonProperty, JsonString } from './json-ast.js';
import { ARRAY, type Brackets, OBJECT } from './json-brackets.js';
import { failAt, scalar } from './json-scalar.js';
import { type JsonToken, scanJson } from './json-scanner.js';

const START_OF_VALUE = 'A JSON value must start with a brace, a bracket, a number, a string, or a keyword.';

export function parseJsonValue(locator: SourceLocator): JsonNode {
  const parser = new JsonParser(locator);
  const node = parser.value();
  const extra = parser.peek();
  if (extra.type !== 'eof')
    parser.fail('Extraneous data after value', 'Extra characters appear after the JSON value.', extra);
  return node;
}

class JsonParser {
  private readonly tokens: JsonToken[];
  private next = 0;

  constructor(private readonly locator: SourceLocator) {
    this.tokens = scanJson(locator.text);
  }

  peek(): JsonToken {
    return this.tokens[this.next] as JsonToken;
  }

  read(): JsonToken {
    const token = this.peek();
    if (token.type !== 'eof') this.next++;
    return token;
  }

  fail(summary: string, detail: string, at: JsonToken): never {
    return failAt(this.locator, summary, detail, at);
  }

  value(): JsonNode {
    const token = this.peek();
    switch (token.type) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case 'number':
      case 'string':
      case 'keyword':
        return scalar(this.locator, this.read());
      case '}':
        return this.fail('Missing JSON value', START_OF_VALUE, token);
      case ']':
        return this.fail('Missing array element value', START_OF_VALUE, token);
      case 'eof':
        return this.fail('Missing value', 'The JSON data ends prematurely.', token);
      default:
        return this.fail('Invalid start of value', START_OF_VALUE, token);
    }
  }

  private object(): JsonObject {
    const open = this.peek();
    const properties: JsonProperty[] = [];
    const close = this.elements(OBJECT, () => {
      const key = this.peek();
      if (key.type !== 'string') {
        this.value();
        this.fail('Invalid object property name', 'A JSON object property name must be a string', key);
      }
      const name = scalar(this.locator, this.read()) as JsonString;
      const colon = this.read();
      if (colon.type === '}' || colon.type === ',')
        this.fail(
          'Missing object value',
          'A JSON object attribute must have a value, introduced by a colon.',
          colon,
        );
      if (colon.type === '=')
        this.fail(
          'Missing property value colon',
          'JSON uses a colon as its name/value delimiter, not an equals sign.',
          colon,
        );
      if (colon.type !== ':')
        this.fail(
          'Missing property value colon',
          "A colon must appear between an object property's name and its value.",
          colon,
        );
      properties.push({ name, value: this.value() });
    });
    return {
      kind: 'object',
      properties,
      range: this.locator.range(open.start, close.end),
      openRange: this.locator.range(open.start, open.end),
      closeRange: this.locator.range(close.start, close.end),
    };
  }

  private array(): JsonArray {
    const open = this.peek();
    const items: JsonNode[] = [];
    const close = this.elements(ARRAY, () => {
      items.push(this.value());
      const after = this.peek();
      if (after.type === ':')
        this.fail('Invalid array value', 'A colon is not used to introduce values in a JSON array.', after);
    });
    return {
      kind: 'array',
      items,
      range: this.locator.range(open.start, close.end),
      openRange: this.locator.range(open.start, open.end),
    };
  }

  /** From the opening bracket: `element` until the closing one, comma-separated. Returns the closing token. */
  private elements(words: Brackets, element: () => void): JsonToken {
    const open = this.read();
    while (this.peek().type !== words.close) {
      if (this.peek().type === 'eof') this.fail('Unclosed object', words.unclosed, open);
      element();
      const after = this.peek();
      if (after.type === ',') {
        const comma = this.read();
        if (this.peek().type === words.close) this.fail(words.trailing[0], words.trailing[1], comma);
      } else if (after.type === 'eof') this.fail('Unclosed object', words.unclosed, open);
      else if (after.type === words.other) this.fail(words.mismatched[0], words.mismatched[1], after);
      else if (after.type !== words.close)
        this.fail('Missing attribute seperator comma', words.separator, after);
    }
    return this.read();
  }
}
