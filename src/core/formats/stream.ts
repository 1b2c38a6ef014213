/**
 * @file parseFile for a file read in chunks (the data worker streams dropped files). The start of the file is held
 * until it tells the format and the column layout; from then on a column file is parsed chunk by chunk and never
 * held whole. JSON is gathered and parsed at the end. The result is the one parseFile gives for the whole text.
 */
import { ColumnParser, type ColumnOptions } from './conll';
import { checkTags, detectFormatFromStart, parseAs, type ParsedInput, type ParseOptions } from './index';
import { sniffColumnLayoutFromStart } from './columnLayout';

/** V8's longest string (0x1fffffe8 UTF-16 units): a JSON file's text must fit in one to be parsed. */
export const MAX_TEXT_LENGTH = 0x1fffffe8;

export class FileParser {
  private started = false;
  /** Chunks of the start, until the format and layout are known. */
  private start: string[] = [];
  private startLength = 0;
  private triedAt = 0; // startLength at the last try: trying again only once it doubled keeps this linear
  private columns: ColumnParser | null = null;
  private jsonLength = 0;
  /** A column file's token and tag columns, once the start told them ({} is the default: token first, tag last). */
  layout: ColumnOptions | null = null;
  private json: string[] | null = null;

  constructor(
    readonly file: string,
    private readonly options: ParseOptions = {},
  ) {}

  push(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.columns) this.columns.push(chunk);
    else if (this.json) {
      // Past the longest string JavaScript has, the text could not be joined: keep counting, stop keeping.
      this.jsonLength += chunk.length;
      if (this.jsonLength <= (this.options.maxTextLength ?? MAX_TEXT_LENGTH)) this.json.push(chunk);
    } else {
      this.start.push(chunk);
      this.startLength += chunk.length;
      if (this.startLength >= 2 * this.triedAt) this.decide(false);
    }
  }

  finish(): ParsedInput {
    if (!this.columns && !this.json) this.decide(true);
    if (this.json && this.jsonLength > (this.options.maxTextLength ?? MAX_TEXT_LENGTH)) return this.tooLong();
    if (this.json) return parseAs('json', this.json.join(''), this.file, this.options);
    return checkTags(this.columns!.finish(), 'columns', this.options);
  }

  private tooLong(): ParsedInput {
    const { file } = this;
    const limit = Math.floor((this.options.maxTextLength ?? MAX_TEXT_LENGTH) / 2 ** 20);
    const message = `${file} is JSON of ${Math.ceil(this.jsonLength / 2 ** 20)} MiB of text, and JSON is read whole: past ${limit} MiB (the longest string JavaScript has) it cannot be; split it into smaller files, or convert it to a column file, which is read as a stream`;
    return { file, sentences: [], diagnostics: [{ severity: 'error', file, message }], format: 'json', scheme: 'IOB2' };
  }

  /** Picks the reader once the start tells (always when `complete`) and hands it the start. */
  private decide(complete: boolean): void {
    const { file, options } = this;
    const start = this.start.join('');
    this.start = [start];
    this.triedAt = start.length;
    const format = options.format ?? detectFormatFromStart(start, file, complete);
    if (format === 'json') this.json = [start];
    else if (format === 'columns') {
      const explicit = options.tokenColumn !== undefined || options.tagColumn !== undefined;
      const layout = explicit ? {} : sniffColumnLayoutFromStart(start, complete);
      if (!layout) return;
      this.layout = { ...layout, ...(explicit ? { tokenColumn: options.tokenColumn, tagColumn: options.tagColumn } : {}) };
      this.columns = new ColumnParser(file, { ...layout, ...options });
      this.columns.push(start);
    }
    if (format !== null) this.start = [];
  }
}
