import { TextFsm } from '../textfsm/text-fsm';
import { TextFsmCell, TextFsmRow } from '../textfsm/textfsm.types';
import { PythonRepr } from './python-repr';

/** A cell as clitable stores it: `List` items become strings (`None` → `'None'`, dicts → their repr). */
export type NtcCell = string | string[];

/** A parsed row keyed by value name. */
export type NtcRecord = Record<string, NtcCell>;

/** The header and rows clitable builds from one or more templates run over the same text. */
export interface NtcTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly NtcCell[])[];
}

/**
 * textfsm `CliTable.ParseCmd` for an index row naming several templates (`a.textfsm:b.textfsm`):
 * the first template gives the rows; each further template adds its new columns, joined on the
 * `Key` values (the first template's, else the first later template that has some) or, with no
 * keys, by row position.
 */
export class NtcCliTable {
  private readonly header: string[];
  private keys: ReadonlySet<string>;
  private readonly rows: NtcCell[][];

  private constructor(first: TextFsm, text: string) {
    this.header = [...first.header];
    this.keys = new Set(first.valuesWithOption('Key'));
    this.rows = NtcCliTable.stringify(first.parseText(text));
  }

  /** @throws TextFsmParseError from any template's `Error` rule */
  static parse(templates: readonly TextFsm[], text: string): NtcTable {
    const [first, ...rest] = templates;
    if (first === undefined) {
      return { header: [], rows: [] };
    }
    const table = new NtcCliTable(first, text);
    for (const template of rest) {
      table.extend(template, text);
    }
    return { header: table.header, rows: table.rows };
  }

  private static stringify(rows: readonly TextFsmRow[]): NtcCell[][] {
    return rows.map((row) => row.map((cell: TextFsmCell) => (typeof cell === 'string' ? cell : cell.map((item) => (typeof item === 'string' ? item : PythonRepr.of(item))))));
  }

  private extend(template: TextFsm, text: string): void {
    const otherRows = NtcCliTable.stringify(template.parseText(text));
    if (this.keys.size === 0) {
      this.keys = new Set(template.valuesWithOption('Key'));
    }
    const otherHeader = template.header;
    for (const key of this.keys) {
      if (!this.header.includes(key)) {
        throw new Error(`Unknown key: '${key}'`);
      }
    }
    const added = otherHeader.filter((column) => !this.header.includes(column));
    if (added.length === 0) {
      return;
    }
    const targets = added.map((column) => this.header.push(column) - 1);
    const sources = added.map((column) => otherHeader.indexOf(column));
    this.rows.forEach((row) => targets.forEach(() => row.push('')));
    const copy = (row: NtcCell[], other: readonly NtcCell[]): void => {
      targets.forEach((target, index) => {
        row[target] = other[sources[index] ?? -1] ?? '';
      });
    };
    if (this.keys.size === 0) {
      this.rows.slice(0, otherRows.length).forEach((row, index) => copy(row, otherRows[index] ?? []));
      return;
    }
    const keyColumns = [...this.keys].map((key) => [this.header.indexOf(key), otherHeader.indexOf(key)] as const);
    for (const row of this.rows) {
      const match = otherRows.find((other) => keyColumns.every(([mine, theirs]) => NtcCliTable.same(row[mine], other[theirs])));
      if (match) {
        copy(row, match);
      }
    }
  }

  private static same(left: NtcCell | undefined, right: NtcCell | undefined): boolean {
    if (Array.isArray(left) && Array.isArray(right)) {
      return left.length === right.length && left.every((item, index) => item === right[index]);
    }
    return left !== undefined && left === right;
  }
}
