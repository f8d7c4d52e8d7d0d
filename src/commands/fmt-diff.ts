// A unified diff (3 lines of context) of two texts, as `diff -u --label=… --label=…` prints it for `fmt -diff`.

type Edit = { readonly op: ' ' | '-' | '+'; readonly line: string };

const CONTEXT = 3;

export function unifiedDiff(before: string, after: string, beforeLabel: string, afterLabel: string): string {
  const edits = diffLines(splitLines(before), splitLines(after));
  const changed = edits.flatMap((edit, index) => (edit.op === ' ' ? [] : [index]));
  const hunks: string[] = [];
  for (let k = 0; k < changed.length; ) {
    const first = changed[k] as number;
    let last = first;
    // Changes separated by at most 2 × CONTEXT unchanged lines share a hunk.
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * CONTEXT + 1)
      last = changed[++k] as number;
    k++;
    hunks.push(hunk(edits, Math.max(0, first - CONTEXT), Math.min(edits.length, last + 1 + CONTEXT)));
  }
  return `--- ${beforeLabel}\n+++ ${afterLabel}\n${hunks.join('')}`;
}

function hunk(edits: readonly Edit[], start: number, end: number): string {
  const lineBefore = (op: ' ' | '-' | '+') =>
    edits.slice(0, start).filter((e) => e.op === ' ' || e.op === op).length;
  const slice = edits.slice(start, end);
  const oldCount = slice.filter((e) => e.op !== '+').length;
  const newCount = slice.filter((e) => e.op !== '-').length;
  const range = (first: number, count: number) =>
    count === 1 ? `${first + 1}` : `${count === 0 ? first : first + 1},${count}`;
  const body = slice
    .map((e) =>
      e.line.endsWith('\n') ? `${e.op}${e.line}` : `${e.op}${e.line}\n\\ No newline at end of file\n`,
    )
    .join('');
  return `@@ -${range(lineBefore('-'), oldCount)} +${range(lineBefore('+'), newCount)} @@\n${body}`;
}

/** Lines with their line endings, so a missing final newline shows. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Longest-common-subsequence edit script; formatting changes are local, so the table stays small in practice. */
function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * cols + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * cols + j] as number, lcs[i * cols + j + 1] as number);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ op: ' ', line: a[i++] as string });
      j++;
    } else if (
      i < a.length &&
      (j === b.length || (lcs[(i + 1) * cols + j] as number) >= (lcs[i * cols + j + 1] as number))
    )
      edits.push({ op: '-', line: a[i++] as string });
    else edits.push({ op: '+', line: b[j++] as string });
  }
  return edits;
}
