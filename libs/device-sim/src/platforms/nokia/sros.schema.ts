import type { ConfigNode, ConfigTree } from '../../config/config.tree';

/** A context keyword: how many arguments name it and the label the prompt shows (`>config>router>if`). */
interface ContextRule {
  readonly args: number;
  readonly label: string;
}

/** One level of the classic CLI tree: the contexts it opens and the settings it takes. */
interface Level {
  readonly contexts: Readonly<Record<string, ContextRule>>;
  readonly leaves: readonly string[];
}

const LEVELS: Readonly<Record<string, Level>> = {
  '': {
    contexts: { system: { args: 0, label: 'system' }, router: { args: 0, label: 'router' }, port: { args: 1, label: 'port' }, service: { args: 0, label: 'service' }, log: { args: 0, label: 'log' } },
    leaves: [],
  },
  system: { contexts: { time: { args: 0, label: 'time' } }, leaves: ['name', 'contact', 'location', 'coordinates'] },
  time: { contexts: {}, leaves: ['zone', 'prefer-local-time'] },
  router: { contexts: { interface: { args: 1, label: 'if' }, ospf: { args: 0, label: 'ospf' }, bgp: { args: 0, label: 'bgp' } }, leaves: ['router-id', 'autonomous-system', 'static-route-entry'] },
  interface: { contexts: {}, leaves: ['address', 'description', 'port', 'loopback', 'shutdown'] },
  ospf: { contexts: {}, leaves: ['router-id', 'shutdown'] },
  bgp: { contexts: {}, leaves: ['router-id', 'shutdown'] },
  port: { contexts: { ethernet: { args: 0, label: 'ethernet' } }, leaves: ['description', 'shutdown'] },
  ethernet: { contexts: {}, leaves: ['mode', 'encap-type', 'mtu'] },
  service: { contexts: {}, leaves: ['customer'] },
  log: { contexts: {}, leaves: ['event-control'] },
};

/** A statement split into the contexts it walks and the setting at its end. */
export type SrosStatement =
  | { readonly kind: 'ok'; readonly contexts: ReadonlyArray<{ readonly header: string; readonly label: string }>; readonly leaf: string | undefined }
  | { readonly kind: 'bad'; readonly offset: number }
  | { readonly kind: 'missing' };

/** The level a context path is at: the keyword of its last header (`interface "lo1"` → `interface`). */
export function levelOf(path: readonly string[]): string {
  return path.length === 0 ? '' : (path[path.length - 1].split(' ')[0] ?? '');
}

/** Splits `words` typed at `path` into contexts and a setting; offsets count from the line's start. */
export function parseStatement(words: readonly { text: string; offset: number }[], path: readonly string[], negated = false): SrosStatement {
  const contexts: Array<{ header: string; label: string }> = [];
  let level = levelOf(path);
  let i = 0;
  while (i < words.length) {
    const rules = LEVELS[level] ?? { contexts: {}, leaves: [] };
    const word = words[i].text;
    const context = rules.contexts[word];
    if (context) {
      if (i + context.args >= words.length && context.args > 0) return { kind: 'missing' };
      contexts.push({ header: words.slice(i, i + 1 + context.args).map((w) => w.text).join(' '), label: context.label });
      level = word;
      i += 1 + context.args;
      continue;
    }
    if (!rules.leaves.includes(word)) return { kind: 'bad', offset: words[i].offset };
    if (word !== 'shutdown' && !negated && i + 1 >= words.length) return { kind: 'missing' };
    return { kind: 'ok', contexts, leaf: words.slice(i).map((w) => w.text).join(' ') };
  }
  return { kind: 'ok', contexts, leaf: undefined };
}

/** Words of a line with their offsets; a double-quoted string is one word, quotes kept. */
export function splitWords(line: string): Array<{ text: string; offset: number }> {
  const words: Array<{ text: string; offset: number }> = [];
  const re = /"[^"]*"?|\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push({ text: m[0], offset: m.index });
  return words;
}

/** `admin display-config` body: four spaces per level, each context closed by `exit`. */
export function renderTree(tree: ConfigTree): string {
  const walk = (node: ConfigNode, depth: number, level: string): string =>
    node.children
      .map((child) => {
        const pad = '    '.repeat(depth);
        const keyword = child.text.split(' ')[0] ?? '';
        const context = (LEVELS[level]?.contexts ?? {})[keyword] !== undefined;
        return context ? `${pad}${child.text}\n${walk(child, depth + 1, keyword)}${pad}exit\n` : `${pad}${child.text}\n`;
      })
      .join('');
  return walk(tree.root, 1, '');
}
