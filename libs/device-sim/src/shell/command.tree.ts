/** Named values captured from `<param>` and `<rest...>` words of a matched pattern. */
export type CommandArgs = Readonly<Record<string, string>>;

/** How a typed line resolved against the registered command patterns. */
export type CommandMatch<H> =
  | { readonly kind: 'ok'; readonly args: CommandArgs; readonly handler: H; readonly pipes: readonly string[] }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly offset: number }
  | { readonly kind: 'ambiguous'; readonly offset: number; readonly token: string }
  | { readonly kind: 'incomplete' };

type Word =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly numeric: boolean }
  | { readonly kind: 'rest'; readonly name: string };

interface Entry<H> {
  readonly handler: H;
  /** Index of the `<rest...>` word, or -1. */
  readonly restAt: number;
  readonly words: readonly Word[];
}

interface Token {
  readonly offset: number;
  readonly text: string;
}

/**
 * Resolves typed lines against command patterns the way network CLIs do: every keyword may be
 * abbreviated to any unique prefix (`sh ip int br`), keywords win over free parameters, and a
 * failure reports the offset of the word that broke, so profiles can draw the `^` marker.
 *
 * Pattern words: `keyword`, `<name>` (one word), `<name#>` (one number), `<name...>` (the rest of
 * the line, at least one word). A ` | ` ends the command; what follows comes back as `pipes`.
 */
export class CommandTree<H> {
  private readonly entries: Entry<H>[] = [];

  add(pattern: string, handler: H): this {
    const words = pattern.trim().split(/\s+/).map(parseWord);
    const restAt = words.findIndex((word) => word.kind === 'rest');
    if (restAt !== -1 && restAt !== words.length - 1) throw new Error(`'${pattern}': <rest...> must be the last word`);
    this.entries.push({ handler, restAt, words });
    return this;
  }

  /** Resolves `line`; `allow` hides commands the current mode does not offer (they read as invalid). */
  match(line: string, allow: (handler: H) => boolean = () => true): CommandMatch<H> {
    const { pipes, tokens } = tokenize(line);
    if (tokens.length === 0) return { kind: 'empty' };
    let alive = this.entries.filter((entry) => allow(entry.handler));
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      const lower = token.text.toLowerCase();
      const literals = alive.filter((entry) => {
        const word = wordAt(entry, i);
        return word?.kind === 'literal' && word.text.startsWith(lower);
      });
      if (literals.length > 0) {
        const texts = new Set(literals.map((entry) => (wordAt(entry, i) as { text: string }).text));
        const chosen = texts.has(lower) ? lower : texts.size === 1 ? [...texts][0] : undefined;
        if (chosen === undefined) return { kind: 'ambiguous', offset: token.offset, token: token.text };
        alive = literals.filter((entry) => (wordAt(entry, i) as { text: string }).text === chosen);
        continue;
      }
      alive = alive.filter((entry) => {
        const word = wordAt(entry, i);
        if (word === undefined || word.kind === 'literal') return false;
        return word.kind === 'rest' || !word.numeric || /^\d+$/.test(token.text);
      });
      if (alive.length === 0) return { kind: 'invalid', offset: token.offset };
    }
    const complete = alive.find((entry) => entry.words.length === tokens.length || (entry.restAt !== -1 && tokens.length > entry.restAt));
    if (!complete) return { kind: 'incomplete' };
    return { kind: 'ok', args: captureArgs(complete, tokens, line), handler: complete.handler, pipes };
  }
}

function parseWord(word: string): Word {
  const param = /^<([\w-]+)(#|\.\.\.)?>$/.exec(word);
  if (!param) return { kind: 'literal', text: word.toLowerCase() };
  if (param[2] === '...') return { kind: 'rest', name: param[1] };
  return { kind: 'param', name: param[1], numeric: param[2] === '#' };
}

/** The word an entry expects at token `i`; a `<rest...>` word keeps matching to the end. */
function wordAt<H>(entry: Entry<H>, i: number): Word | undefined {
  if (entry.restAt !== -1 && i >= entry.restAt) return entry.words[entry.restAt];
  return entry.words[i];
}

function tokenize(line: string): { pipes: string[]; tokens: Token[] } {
  const tokens: Token[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    if (m[0] === '|') {
      const pipes = line
        .slice(m.index + 1)
        .split(/\s\|\s/)
        .map((part) => part.trim());
      return { pipes, tokens };
    }
    tokens.push({ offset: m.index, text: m[0] });
  }
  return { pipes: [], tokens };
}

function captureArgs<H>(entry: Entry<H>, tokens: readonly Token[], line: string): CommandArgs {
  const args: Record<string, string> = {};
  entry.words.forEach((word, i) => {
    if (word.kind === 'param') args[word.name] = tokens[i].text;
    if (word.kind === 'rest') {
      // The rest keeps its original spacing: `echo a   b` prints `a   b`.
      const last = tokens[tokens.length - 1];
      args[word.name] = line.slice(tokens[i].offset, last.offset + last.text.length);
    }
  });
  return args;
}
