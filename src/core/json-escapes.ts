// RFC 8259's one-character string escapes (`\n` → newline), shared by the JSON template reader and HCL's JSON syntax.

export const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
