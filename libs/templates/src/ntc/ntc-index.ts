import { PythonRegex } from '../regex/python-regex';
import { PythonRegexError } from '../regex/python-regex.error';
import { PythonText } from '../textfsm/python-text';
import { NtcIndexError } from './ntc-index.error';

/** One data row of an index: the template file names (`a.textfsm:b.textfsm`) and the row as read. */
export interface NtcIndexEntry {
  /** Column name → field as written (after `[[...]]` completion expansion for `Command`). */
  readonly fields: Readonly<Record<string, string>>;
  /** 1-based line in the index file. */
  readonly line: number;
  readonly templates: readonly string[];
}

interface CompiledRow {
  readonly entry: NtcIndexEntry;
  readonly matchers: ReadonlyMap<string, PythonRegex>;
}

const COMPLETION = /\[\[.+?\]\]/g;

/**
 * An ntc-templates / textfsm `clitable` index: a comma-separated table whose first non-comment line
 * is the header (`Template, Hostname, Platform, Command`). Every column but `Template` is a Python
 * regex matched at the start of the attribute (`re.match`), `Command` after expanding `ab[[cd]]` to
 * `ab(c(d)?)?`; rows are tried in file order and the first match wins.
 */
export class NtcIndex {
  private constructor(
    readonly header: readonly string[],
    private readonly rows: readonly CompiledRow[],
  ) {}

  /** @throws NtcIndexError for a missing or duplicate header, a missing `Template` column or a bad regex. */
  static parse(text: string): NtcIndex {
    const lines = PythonText.fileLines(text);
    const headerAt = lines.findIndex((line) => PythonText.strip(line.split('#')[0] ?? '') !== '');
    if (headerAt < 0) {
      throw new NtcIndexError('Index file has no header line.');
    }
    const header = PythonText.strip((lines[headerAt] ?? '').split('#')[0] ?? '').split(',').map((column) => PythonText.strip(column));
    const duplicate = header.find((column, index) => header.indexOf(column) !== index);
    if (duplicate !== undefined) {
      throw new NtcIndexError(`Duplicate header entry '${duplicate}'.`);
    }
    if (!header.includes('Template')) {
      throw new NtcIndexError("Index file does not have 'Template' column.");
    }
    const rows: CompiledRow[] = [];
    lines.forEach((line, index) => {
      if (index <= headerAt || line.startsWith('#')) {
        return;
      }
      const cells = line.split(',').map((cell) => PythonText.strip(cell));
      // Lines with the wrong number of fields (blank lines included) are skipped, as clitable does.
      if (cells.length === header.length) {
        rows.push(NtcIndex.compileRow(header, cells, index + 1));
      }
    });
    return new NtcIndex(header, rows);
  }

  /** Python's `_Completion`: `sh[[ow]]` → `sh(o(w)?)?`. */
  static expandCompletion(command: string): string {
    return command.replace(COMPLETION, (match) => {
      const word = Array.from(match.slice(2, -2));
      return `(${word.join('(')}${')?'.repeat(word.length)}`;
    });
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * The first row whose every regex column named in `attributes` matches its value (columns the
   * index lacks, and empty fields, match anything) — clitable's `GetRowMatch`.
   * @param attributes column name → value, e.g. `{ Platform: 'cisco_ios', Command: 'show version' }`
   */
  find(attributes: Readonly<Record<string, string>>): NtcIndexEntry | undefined {
    const wanted = Object.entries(attributes);
    return this.rows.find((row) =>
      wanted.every(([column, value]) => {
        const matcher = row.matchers.get(column);
        return matcher === undefined || matcher.match(value) !== null;
      }),
    )?.entry;
  }

  private static compileRow(header: readonly string[], cells: readonly string[], line: number): CompiledRow {
    const fields: Record<string, string> = {};
    const matchers = new Map<string, PythonRegex>();
    header.forEach((column, index) => {
      const cell = cells[index] ?? '';
      const field = column === 'Command' ? NtcIndex.expandCompletion(cell) : cell;
      fields[column] = field;
      if (column !== 'Template' && field !== '') {
        matchers.set(column, NtcIndex.compile(field, line));
      }
    });
    return { entry: { fields, line, templates: (fields['Template'] ?? '').split(':') }, matchers };
  }

  private static compile(pattern: string, line: number): PythonRegex {
    try {
      return PythonRegex.compile(pattern);
    } catch (error: unknown) {
      if (error instanceof PythonRegexError) {
        throw new NtcIndexError(`Invalid regular expression '${pattern}' on index line ${line}: ${error.message}`);
      }
      throw error;
    }
  }
}
