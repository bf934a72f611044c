/** A configuration line that opens a sub-mode (`interface X`, `router ospf 1`, `vlan 10`). */
export interface SectionRule {
  /** Canonical header stored in the config; defaults to the line as typed (keywords expanded). */
  header?(match: RegExpExecArray): string;
  /** Keywords the sub-mode accepts; anything goes when absent. */
  readonly keywords?: readonly string[];
  /** Prompt label for the sub-mode (`config-if`, `GigabitEthernet0/0/1`, `vlan10`). */
  label(match: RegExpExecArray, header: string): string;
  /** Matches the line (keywords already expanded). */
  readonly pattern: RegExp;
  /** Header pattern of the sub-mode this one nests in (`address-family` within `router bgp`). */
  readonly within?: RegExp;
}

/** How one family of CLIs writes configuration: the data the `ConfigEditor` runs on. */
export interface ConfigDialect {
  /** First keywords accepted at the top of config mode; a unique prefix is expanded (`desc`). */
  readonly globalKeywords: readonly string[];
  /** Interface type names, preferred first, to expand `gi0/1` into `GigabitEthernet0/1`. */
  readonly interfaceTypes: readonly string[];
  /** `no` (Cisco) or `undo` (Huawei, Comware). */
  readonly negation: string;
  readonly sections: readonly SectionRule[];
  /** Settings that hold one value: a new line replaces the old one instead of adding to it. */
  readonly singleValued: readonly string[];
  /**
   * Negations the running config shows as statements (`no aaa root`, `no shutdown` under
   * `management api`): one that removes nothing is kept as a line. `within` names the stanza.
   */
  readonly keptNegations?: ReadonlyArray<{ readonly statement: RegExp; readonly within?: RegExp }>;
}

/** Expands an abbreviated interface name: `gi0/1` → `GigabitEthernet0/1`, `Eth 1/1` → `Ethernet1/1`. */
export function expandInterface(raw: string, types: readonly string[]): string {
  const m = /^([A-Za-z][A-Za-z-]*)\s*(\d.*)?$/.exec(raw.trim());
  if (!m) return raw.trim();
  const prefix = m[1].toLowerCase();
  const type = types.find((t) => t.toLowerCase() === prefix) ?? types.find((t) => t.toLowerCase().startsWith(prefix));
  return `${type ?? m[1]}${m[2] ?? ''}`;
}
