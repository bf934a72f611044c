import { ConfigNode, ConfigTree } from '../../config/config.tree';

/** Hierarchy levels whose children are named by the next word (`interfaces ge-0/0/0`). */
const COLLECTIONS = new Set(['groups', 'interfaces', 'routing-instances', 'vlans']);
/** Levels that are one word. */
const CONTAINERS = new Set([
  'authentication', 'bgp', 'chassis', 'class-of-service', 'ethernet-switching', 'event-options', 'firewall', 'forwarding-options', 'from',
  'isis', 'lldp', 'login', 'netconf', 'ntp', 'ospf', 'ospf3', 'policy-options', 'protocols', 'root-authentication', 'routing-options',
  'rstp', 'security', 'services', 'snmp', 'ssh', 'static', 'syslog', 'system', 'then', 'zones',
]);
/** Levels written as keyword plus name (`unit 0`, `family inet`). */
const NAMED = new Set([
  'area', 'class', 'community', 'family', 'file', 'filter', 'group', 'host', 'interface', 'neighbor', 'policy-statement',
  'route', 'security-zone', 'term', 'unit', 'user',
]);
/** Top-level statements `set` accepts; anything else is a syntax error, as on a real device. */
export const TOP_LEVEL = [
  'access', 'apply-groups', 'chassis', 'class-of-service', 'event-options', 'firewall', 'forwarding-options', 'groups',
  'interfaces', 'policy-options', 'protocols', 'routing-instances', 'routing-options', 'security', 'services', 'snmp', 'system',
  'version', 'vlans',
];
/** Leaves that may repeat (`address`, `name-server`); any other leaf keyword holds one value. */
const MULTI_VALUED = new Set(['address', 'members', 'name-server', 'server', 'authorized-keys', 'ssh-rsa', 'ssh-ed25519', 'ssh-ecdsa']);

/** A `set`/`delete` statement split into hierarchy and leaf. */
export interface JunosStatement {
  /** The final statement (`description "uplink"`), absent for a bare hierarchy (`set protocols lldp`). */
  readonly leaf: string | undefined;
  readonly path: readonly string[];
}

/**
 * The Junos configuration syntax on a `ConfigTree`: a small schema of hierarchy keywords splits
 * `set` statements into levels and a leaf, and the tree renders back in curly-brace or `set` form.
 */
export class JunosSyntax {
  /** Splits words after `set`/`delete`/`edit`; `base` is the current `edit` path. */
  static parse(words: readonly string[], base: readonly string[]): JunosStatement {
    const path = [...base];
    let i = 0;
    while (i < words.length) {
      const word = words[i];
      const last = path.at(-1);
      if (last !== undefined && COLLECTIONS.has(last) && path.length > 0 && !COLLECTIONS.has(word)) {
        path.push(word);
        i += 1;
      } else if (COLLECTIONS.has(word) || CONTAINERS.has(word)) {
        path.push(word);
        i += 1;
      } else if (NAMED.has(word) && i + 1 < words.length) {
        path.push(`${word} ${words[i + 1]}`);
        i += 2;
      } else {
        break;
      }
    }
    const leaf = i < words.length ? words.slice(i).join(' ') : undefined;
    return { leaf, path };
  }

  static set(tree: ConfigTree, statement: JunosStatement): void {
    if (statement.leaf === undefined) {
      tree.ensure(statement.path);
      return;
    }
    const keyword = statement.leaf.split(' ')[0];
    const replace = statement.leaf.includes(' ') && !MULTI_VALUED.has(keyword) ? keyword : undefined;
    tree.set(statement.path, statement.leaf, replace);
  }

  static delete(tree: ConfigTree, statement: JunosStatement): number {
    if (statement.leaf !== undefined) return tree.remove(statement.path, statement.leaf);
    const name = statement.path.at(-1);
    return name === undefined ? 0 : tree.remove(statement.path.slice(0, -1), name);
  }

  /** Curly-brace form, four spaces per level, as `show configuration` prints it. */
  static curly(node: ConfigNode, depth = 0): string {
    const pad = '    '.repeat(depth);
    return node.children
      .map((child) => (child.children.length === 0 ? `${pad}${child.text};\n` : `${pad}${child.text} {\n${JunosSyntax.curly(child, depth + 1)}${pad}}\n`))
      .join('');
  }

  /** `set` form (`show configuration | display set`). */
  static setLines(node: ConfigNode, prefix: readonly string[] = []): string[] {
    return node.children.flatMap((child) => {
      const path = [...prefix, child.text];
      return child.children.length === 0 ? [`set ${path.join(' ')}`] : JunosSyntax.setLines(child, path);
    });
  }
}
