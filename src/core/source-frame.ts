// Offset → line:column conversion and the "offending line with a ^ marker" frame used in syntax errors.

/** 1-based line and column of a place in a source file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  /** The file, when a document spans several (an HCL2 directory); else the document's own file. */
  readonly file?: string;
}

export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Offset → position for many offsets of one text: line starts are found once, then binary-searched. */
export function createLocator(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const end = Math.min(offset, text.length);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= end) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: end - (starts[low] as number) + 1 };
  };
}

/** Lines longer than this are shown as a window around the column. */
const FRAME_WIDTH = 120;

/** The previous line, the offending line, and a caret under the column (as Packer prints it). */
export function codeFrame(text: string, position: SourcePosition): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const width = String(position.line).length;
  const gutter = (n: number): string => `${String(n).padStart(Math.max(width, 4))}: `;
  const previous = lines[position.line - 2];
  if (previous !== undefined)
    out.push(`${gutter(position.line - 1)}${window(previous.replace(/\r$/, ''), 1).text}`);
  const current = window((lines[position.line - 1] ?? '').replace(/\r$/, ''), position.column);
  out.push(`${gutter(position.line)}${current.text}`);
  const pad = gutter(position.line).length + current.column - 1;
  out.push(`${' '.repeat(pad)}^`);
  return out.join('\n');
}

/** At most FRAME_WIDTH characters of `line` around `column`, with … where it was cut; the column within. */
function window(line: string, column: number): { text: string; column: number } {
  if (line.length <= FRAME_WIDTH) return { text: line, column };
  const from = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, line.length - FRAME_WIDTH));
  const head = from > 0 ? '…' : '';
  const tail = from + FRAME_WIDTH < line.length ? '…' : '';
  return {
    text: `${head}${line.slice(from, from + FRAME_WIDTH)}${tail}`,
    column: column - from + head.length,
  };
}
