// The words of hcl's JSON parser for an object's and an array's punctuation errors, which differ only in them.

/** How an object's or an array's punctuation errors are told. */
export interface Brackets {
  readonly close: '}' | ']';
  readonly other: '}' | ']';
  readonly unclosed: string;
  readonly trailing: readonly [string, string];
  readonly mismatched: readonly [string, string];
  readonly separator: string;
}

export const OBJECT: Brackets = {
  close: '}',
  other: ']',
  unclosed: 'No closing brace was found for this JSON object.',
  trailing: [
    'Trailing comma in object',
    'JSON does not permit a trailing comma after the final property in an object.',
  ],
  mismatched: ['Mismatched braces', 'A JSON object must be closed with a brace, not a bracket.'],
  separator: 'A comma must appear between each property definition in an object.',
};

export const ARRAY: Brackets = {
  close: ']',
  other: '}',
  unclosed: 'No closing bracket was found for this JSON array.',
  trailing: [
    'Trailing comma in array',
    'JSON does not permit a trailing comma after the final value in an array.',
  ],
  mismatched: ['Mismatched brackets', 'A JSON array must be closed with a bracket, not a brace.'],
  separator: 'A comma must appear between each value in an array.',
};
