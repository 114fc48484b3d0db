/**
 * CSV as Odoo's data loader reads it (Python's csv module, comma-separated, `"` quoting with `""`
 * for a quote), keeping the line and column where each field starts. Pure; never throws.
 */
export interface CsvField {
  value: string;
  line: number;
  column: number;
}

export interface CsvRecord {
  fields: CsvField[];
  line: number;
}

export function readCsv(text: string): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const records: CsvRecord[] = [];
  let fields: CsvField[] = [];
  let line = 1;
  let column = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let recordLine = 1;
  const endRecord = () => {
    // Blank lines hold no record (Python's csv.reader gives [] for them, which Odoo skips).
    if (!(fields.length === 1 && fields[0].value === '')) records.push({ fields, line: recordLine });
    fields = [];
  };
  while (i <= text.length) {
    const start = { line, column };
    if (fields.length === 0) recordLine = line;
    let value = '';
    if (text[i] === '"') {
      i++;
      column++;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            column += 2;
            continue;
          }
          i++;
          column++;
          closed = true;
          break;
        }
        value += c;
        i++;
        if (c === '\n') {
          line++;
          column = 1;
        } else column++;
      }
      if (!closed) return { records, unclosedQuoteLine: start.line };
      // Text after the closing quote belongs to the field, as in Python's csv module.
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        value += text[i++];
        column++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        value += text[i++];
        column++;
      }
    }
    fields.push({ value, ...start });
    if (i >= text.length) {
      endRecord();
      break;
    }
    if (text[i] === ',') {
      i++;
      column++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    column = 1;
    endRecord();
    if (i >= text.length) break;
  }
  return { records };
}
