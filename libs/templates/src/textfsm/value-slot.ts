import { TextFsmCell, TextFsmListItem } from './textfsm.types';
import { ValueDefinition } from './value-definition';

/** What a value holds while a record is built: Python's `None`, the matched text, or a `List`'s items. */
export type SlotValue = string | null | TextFsmListItem[];

/** A result row while parsing; `Fillup` writes into rows already recorded. */
export type MutableRow = TextFsmCell[];

const truthy = (value: SlotValue | TextFsmCell | undefined): boolean => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/**
 * The runtime state of one value during a parse. Each option reacts to assign / clear / clear-all /
 * save in the order the options are written, which is what TextFSM's option hooks do.
 */
export class ValueSlot {
  value: SlotValue = null;
  /** `Filldown`: the value a clear restores. */
  private kept: SlotValue = null;
  /** `List`: the items collected for the current record. */
  private items: TextFsmListItem[] = [];

  constructor(
    readonly definition: ValueDefinition,
    private readonly column: number,
  ) {}

  assign(text: string | null, rows: readonly MutableRow[]): void {
    this.value = text;
    for (const option of this.definition.options) {
      switch (option) {
        case 'Filldown':
          this.kept = this.value;
          break;
        case 'Fillup':
          this.fillUp(rows);
          break;
        case 'List':
          this.items.push(this.listItem(text));
          break;
        case 'Key':
        case 'Required':
          break;
      }
    }
  }

  /** `Clear`, and what follows every saved record. */
  clear(): void {
    this.value = null;
    for (const option of this.definition.options) {
      if (option === 'Filldown') {
        this.value = this.kept;
      } else if (option === 'List' && !this.definition.has('Filldown')) {
        this.items = [];
      }
    }
  }

  /** `Clearall`, and the state before the first line. */
  clearAll(): void {
    this.value = null;
    this.kept = null;
    this.items = [];
  }

  /** Prepares the value for a record; `false` when a `Required` value is empty and the record is dropped. */
  save(): boolean {
    for (const option of this.definition.options) {
      if (option === 'Required' && !truthy(this.value)) {
        return false;
      }
      if (option === 'List') {
        this.value = [...this.items];
      }
    }
    return true;
  }

  private fillUp(rows: readonly MutableRow[]): void {
    if (!truthy(this.value)) {
      return;
    }
    for (let index = rows.length - 1; index >= 0; index -= 1) {
      const row = rows[index];
      if (row === undefined || truthy(row[this.column])) {
        break;
      }
      row[this.column] = this.value as string;
    }
  }

  /** A `List` item: the named groups of the value's own regex when it has nested groups, else the text. */
  private listItem(text: string | null): TextFsmListItem {
    const regex = this.definition.listRegex;
    // Python would raise a TypeError matching None here; an unmatched group is kept as null instead.
    if (text === null || regex === undefined || regex.groupCount < 2 || regex.groupNames.length === 0) {
      return text;
    }
    const match = regex.match(text);
    if (!match) {
      return text;
    }
    const item: Record<string, string | null> = {};
    for (const name of regex.groupNames) {
      item[name] = match.groups[name] ?? null;
    }
    return item;
  }
}
