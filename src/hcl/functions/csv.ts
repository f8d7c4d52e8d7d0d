// csvdecode (cty's csv.go over Go's encoding/csv): a header line names the columns, every record has as many
// fields, quoted fields may hold commas, quotes ("") and newlines.

import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, object, str } from '../eval/values.js';

/** Go's csv.Reader records: blank lines skipped, \r\n line ends, double-quote escaping. */
function records(input: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let line = 1;
  let i = 0;
  while (i < input.length) {
    const startLine = line;
    if (input[i] === '\n' || (input[i] === '\r' && input[i + 1] === '\n')) {
      i += input[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (input[i] === '"') {
        i++;
        for (;;) {
          if (i >= input.length)
            throw new HclFunctionError(
              `CSV parse error on line ${startLine}: extraneous or missing " in quoted-field`,
            );
          const ch = input[i] as string;
          if (ch === '"' && input[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (ch === '"') {
            i++;
            break;
          } else {
            if (ch === '\n') line++;
            field += ch;
            i++;
          }
        }
        if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r')
          throw new HclFunctionError(
            `CSV parse error on line ${line}: extraneous or missing " in quoted-field`,
          );
      } else {
        while (
          i < input.length &&
          input[i] !== ',' &&
          input[i] !== '\n' &&
          !(input[i] === '\r' && input[i + 1] === '\n')
        ) {
          if (input[i] === '"')
            throw new HclFunctionError(`CSV parse error on line ${line}: bare " in non-quoted-field`);
          field += input[i];
          i++;
        }
      }
      fields.push(field);
      if (input[i] === ',') {
        i++;
        continue;
      }
      if (input[i] === '\r') i++;
      if (input[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    out.push({ fields, line: startLine });
  }
  return out;
}

export function csvDecode(input: string): HclValue {
  const [header, ...rows] = records(input);
  if (header === undefined) throw new HclFunctionError('missing header line');
  const names = new Set<string>();
  for (const name of header.fields) {
    if (names.has(name)) throw new HclFunctionError(`duplicate column name ${JSON.stringify(name)}`);
    names.add(name);
  }
  return {
    type: 'list',
    items: rows.map((row) => {
      if (row.fields.length !== header.fields.length)
        throw new HclFunctionError(`CSV parse error on line ${row.line}: wrong number of fields`);
      return object(header.fields.map((name, i) => [name, str(row.fields[i] as string)] as const));
    }),
  };
}
