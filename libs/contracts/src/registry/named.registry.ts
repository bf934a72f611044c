/** Anything registered by name: a driver, scheduler, template engine, webhook kind, credential provider. */
export interface NamedPlugin {
  readonly name: string;
  /** Other names that reach the same entry. */
  readonly aliases?: readonly string[];
}

/**
 * The one name → plugin registry every plugin kind uses: built-ins and third-party plugins register
 * the same way, a name (or alias) is taken once, and lookups list the known names when they fail.
 */
export class NamedRegistry<T extends NamedPlugin> {
  private readonly byName = new Map<string, T>();

  /**
   * @param kind what an entry is, in error messages ("driver", "parser", ...)
   * @param notFound the error `require` throws for an unknown name (default: an Error listing the known names)
   */
  constructor(
    protected readonly kind: string,
    private readonly notFound: (name: string, known: string[]) => Error = (name, known) => new Error(`unknown ${kind} '${name}'; known: ${known.join(', ')}`),
  ) {}

  /** @throws Error at startup when a name or alias is registered twice */
  register(entry: T): void {
    const names = [entry.name, ...(entry.aliases ?? [])];
    const taken = names.find((n) => this.byName.has(n));
    if (taken !== undefined) throw new Error(`${this.kind} ${taken} is registered twice`);
    for (const n of names) this.byName.set(n, entry);
  }

  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  /** @throws the `notFound` error for an unknown name */
  require(name: string): T {
    const entry = this.byName.get(name);
    if (!entry) throw this.notFound(name, this.names());
    return entry;
  }

  /** Every registered name and alias, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
