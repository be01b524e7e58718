import { readTextChunks } from './read-text-stream';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** Field separator; default ','. The 19115 exports use '\t'. */
  delimiter?: string;
  /** A field longer than this is an error (a binary or runaway-quoted file must not fill memory). */
  maxFieldLength?: number;
  highWaterMark?: number;
}

/** A CSV file that cannot be read as CSV; `line` says where. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvError';
  }
}

/**
 * Streams the records of a delimited text file (RFC 4180: quoted fields with doubled quotes and
 * embedded line breaks; CRLF or LF; UTF-8 or UTF-16LE with BOM). Memory holds one chunk and one
 * record, so a file of any size can be read. Blank lines are skipped.
 *
 * @example
 * for await (const { line, fields } of readCsv('addresses.csv')) console.log(line, fields);
 */
export async function* readCsv(file: string, options: CsvOptions = {}): AsyncGenerator<CsvRecord> {
  const delimiter = options.delimiter ?? ',';
  const maxField = options.maxFieldLength ?? 64 * 1024;
  const tooLong = () =>
    new CsvError(
      recordLine,
      `a field is longer than ${maxField} characters; is this really a ${delimiter === '\t' ? 'tab-separated' : 'comma-separated'} text file?`,
    );
  let record: string[] = [];
  let field = '';
  let fieldBegun = false; // the current field has had a character (or an opening quote)
  let quoted = false; // inside a quoted field
  let quoteSeen = false; // a quote inside a quoted field: the closing one, or the first of a doubled pair
  let line = 1;
  let recordLine = 1;
  const endRecord = (out: CsvRecord[]) => {
    record.push(field);
    if (record.length > 1 || record[0] !== '' || fieldBegun) out.push({ line: recordLine, fields: record });
    record = [];
    field = '';
    fieldBegun = false;
  };
  for await (const chunk of readTextChunks(file, { highWaterMark: options.highWaterMark })) {
    const out: CsvRecord[] = [];
    let start = 0; // start of the run of characters not yet appended to `field`
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === '"') {
            start = i; // a doubled quote stands for one quote character
            continue;
          }
          quoted = false; // that quote closed the field; c is handled below as unquoted text
          start = i;
        } else {
          if (c === '"') {
            field += chunk.slice(start, i);
            quoteSeen = true;
          } else if (c === '\n') {
            line++;
          }
          continue;
        }
      }
      if (c === delimiter) {
        record.push(field + chunk.slice(start, i));
        field = '';
        fieldBegun = false;
        start = i + 1;
      } else if (c === '\n' || c === '\r') {
        // A CR is dropped (CRLF files); the LF ends the record.
        field += chunk.slice(start, i);
        start = i + 1;
        if (c === '\n') {
          endRecord(out);
          line++;
          recordLine = line;
        }
      } else if (c === '"' && !fieldBegun && i === start && field === '') {
        quoted = true;
        fieldBegun = true;
        start = i + 1;
      } else {
        fieldBegun = true;
        if (i - start > maxField) throw tooLong();
      }
    }
    if (!(quoted && quoteSeen)) field += chunk.slice(start);
    if (field.length > maxField) throw tooLong();
    for (const r of out) yield r;
  }
  if (quoted && !quoteSeen) throw new CsvError(recordLine, 'a quoted field is not closed before the end of the file');
  const out: CsvRecord[] = [];
  if (field !== '' || record.length > 0 || fieldBegun) endRecord(out);
  for (const r of out) yield r;
}
