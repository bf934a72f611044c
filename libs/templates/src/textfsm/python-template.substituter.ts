// string.Template's pattern: "$$", "$name", "${name}", or a "$" that starts none of them.
const PLACEHOLDER = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|)/g;

/** Python's `string.Template(text).substitute(mapping)`, which TextFSM uses to expand `${VALUE}`. */
export class PythonTemplateSubstituter {
  /** @returns `undefined` where Python raises (`KeyError` for an unknown name, `ValueError` for a bad `$`). */
  static substitute(text: string, mapping: ReadonlyMap<string, string>): string | undefined {
    let failed = false;
    const result = text.replace(PLACEHOLDER, (_match: string, escaped?: string, named?: string, braced?: string) => {
      if (escaped !== undefined) {
        return '$';
      }
      const replacement = mapping.get(named ?? braced ?? '');
      if (replacement === undefined) {
        failed = true;
        return '';
      }
      return replacement;
    });
    return failed ? undefined : result;
  }
}
