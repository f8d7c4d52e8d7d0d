// Where an HCL node sits: file, and line / column / byte offset of its start and end (end exclusive).

export interface SourcePos {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in grapheme clusters from the start of the line (as hcl.Pos: `é` or an emoji is one column). */
  readonly column: number;
  /** 0-based offset in the UTF-8 bytes of the file, as hcl.Pos.Byte. */
  readonly byte: number;
}

export interface SourceRange {
  readonly file: string;
  readonly start: SourcePos;
  readonly end: SourcePos;
}

/** Lines without multi-byte characters: column and byte offset are the string offset. */
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const ASCII = /^[\x20-\x7e\t]*$/;

/** String index → place in a file, as the scanner and parser see it (a JSON string's template maps into its file). */
export interface Locator {
  readonly file: string;
  /** The file's text, for source frames in errors. */
  readonly text: string;
  pos(index: number): SourcePos;
  range(start: number, end: number): SourceRange;
}

/** String index → SourcePos for one file: line starts are found once, then binary-searched. */
export class SourceLocator implements Locator {
  private readonly lineStarts: number[] = [0];
  private readonly lineStartBytes: number[] = [0];
  /** Without multi-byte characters, columns and byte offsets follow from string offsets directly. */
  private readonly ascii: boolean;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.ascii = !/[^\x20-\x7e\t\r\n]/.test(text);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      const previous = this.lineStarts[this.lineStarts.length - 1] as number;
      const previousByte = this.lineStartBytes[this.lineStartBytes.length - 1] as number;
      this.lineStarts.push(i + 1);
      this.lineStartBytes.push(previousByte + Buffer.byteLength(text.slice(previous, i + 1)));
    }
  }

  pos(index: number): SourcePos {
    const at = Math.min(Math.max(index, 0), this.text.length);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low] as number;
    if (this.ascii) return { line: low + 1, column: at - lineStart + 1, byte: at };
    const lineText = this.text.slice(lineStart, at);
    if (ASCII.test(lineText))
      return {
        line: low + 1,
        column: lineText.length + 1,
        byte: (this.lineStartBytes[low] as number) + lineText.length,
      };
    return {
      line: low + 1,
      column: [...GRAPHEMES.segment(lineText)].length + 1,
      byte: (this.lineStartBytes[low] as number) + Buffer.byteLength(lineText),
    };
  }

  range(start: number, end: number): SourceRange {
    return { file: this.file, start: this.pos(start), end: this.pos(end) };
  }
}

export function rangeBetween(from: SourceRange, to: SourceRange): SourceRange {
  return { file: from.file, start: from.start, end: to.end };
}
