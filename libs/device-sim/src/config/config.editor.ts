import type { CliContext, ConfigSection } from '../shell/shell.types';
import type { ConfigDialect, SectionRule } from './config.dialect';
import type { ConfigTree } from './config.tree';

/** How one configuration line fared; `invalid` carries the offset of the rejected word. */
export type EditResult = { readonly kind: 'applied' } | { readonly kind: 'incomplete' } | { readonly kind: 'invalid'; readonly offset: number };

const APPLIED: EditResult = { kind: 'applied' };

/**
 * Applies configuration lines of Cisco-like and Huawei-like CLIs to a `ConfigTree`: sub-mode
 * headers open a section (statements then go under that stanza), the negation word removes lines,
 * single-valued settings replace their old value, and a line the current sub-mode does not take
 * but the top level does drops out of the sub-mode first, as IOS and VRP do.
 */
export class ConfigEditor {
  constructor(private readonly dialect: ConfigDialect) {}

  apply(line: string, ctx: CliContext, tree: ConfigTree): EditResult {
    const start = line.length - line.trimStart().length;
    const words = line.trim().split(/\s+/);
    const negated = words[0].toLowerCase() === this.dialect.negation;
    const bodyWords = negated ? words.slice(1) : words;
    if (bodyWords.length === 0) return { kind: 'incomplete' };
    const bodyOffset = negated ? line.indexOf(bodyWords[0], start + words[0].length) : start;

    const opened = this.openSection(bodyWords, negated, ctx, tree);
    if (opened) return opened;

    let sections = ctx.sections;
    for (;;) {
      const current = sections.at(-1);
      const rule = current ? this.ruleOf(current) : undefined;
      const keywords = current ? rule?.keywords : this.dialect.globalKeywords;
      const keyword = keywords === undefined ? bodyWords[0] : expandKeyword(bodyWords[0], keywords);
      if (keyword !== undefined) {
        const body = [keyword, ...bodyWords.slice(1)].join(' ');
        const path = current?.path ?? [];
        ctx.sections = sections;
        if (negated) {
          if (tree.remove(path, body) === 0 && this.keepsNegation(body, path)) tree.set(path, `${this.dialect.negation} ${body}`);
        } else {
          tree.remove(path, `${this.dialect.negation} ${body}`);
          tree.set(path, body, this.dialect.singleValued.find((key) => startsWith(body, key)));
        }
        ctx.device.recordConfigLine();
        return APPLIED;
      }
      if (!current) return { kind: 'invalid', offset: bodyOffset };
      sections = sections.slice(0, -1);
    }
  }

  private keepsNegation(body: string, path: readonly string[]): boolean {
    const header = path.at(-1) ?? '';
    return (this.dialect.keptNegations ?? []).some((k) => k.statement.test(body) && (k.within ? k.within.test(header) : path.length === 0));
  }

  /** The rule that opened `section`, found again from its stored header. */
  ruleOf(section: ConfigSection): SectionRule | undefined {
    const header = section.path.at(-1) ?? '';
    return this.dialect.sections.find((rule) => rule.pattern.test(header));
  }

  private openSection(words: readonly string[], negated: boolean, ctx: CliContext, tree: ConfigTree): EditResult | undefined {
    const keyword = expandKeyword(words[0], this.dialect.globalKeywords) ?? words[0];
    const text = [keyword, ...words.slice(1)].join(' ');
    for (const rule of this.dialect.sections) {
      const match = rule.pattern.exec(text);
      if (!match) continue;
      const parentIndex = rule.within ? findLastIndex(ctx.sections, (s) => rule.within?.test(s.path.at(-1) ?? '') ?? false) : -1;
      if (rule.within && parentIndex === -1) continue;
      const kept = ctx.sections.slice(0, parentIndex + 1);
      const parentPath = kept.at(-1)?.path ?? [];
      const header = rule.header?.(match) ?? text;
      ctx.device.recordConfigLine();
      if (negated) {
        tree.remove(parentPath, header);
        ctx.sections = kept;
        return APPLIED;
      }
      tree.ensure([...parentPath, header]);
      ctx.sections = [...kept, { label: rule.label(match, header), path: [...parentPath, header] }];
      return APPLIED;
    }
    return undefined;
  }
}

/** The keyword `word` abbreviates (exact or unique prefix), or undefined. */
export function expandKeyword(word: string, keywords: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  if (keywords.includes(lower)) return lower;
  const hits = keywords.filter((k) => k.startsWith(lower));
  return hits.length === 1 ? hits[0] : undefined;
}

function startsWith(text: string, key: string): boolean {
  return text === key || text.startsWith(`${key} `);
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i])) return i;
  return -1;
}
