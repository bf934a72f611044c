import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const BUNDLED = join('libs', 'templates', 'ntc-templates');

/**
 * Finds the bundled ntc-templates folder. The compiled lib runs from `dist/libs/templates/src/...`
 * and the sources from `libs/templates/src/...`, so neither a fixed relative path nor the working
 * directory works for both: walk up until a folder holding `libs/templates/ntc-templates/index`.
 */
export class NtcTemplateDirLocator {
  /** @throws Error when no ancestor of `from` holds the bundled templates */
  static bundled(from: string = __dirname): string {
    for (let dir = resolve(from); ; dir = dirname(dir)) {
      const candidate = join(dir, BUNDLED);
      if (existsSync(join(candidate, 'index'))) {
        return candidate;
      }
      if (dirname(dir) === dir) {
        throw new Error(`ntc-templates not found: no ${BUNDLED}/index above ${from}`);
      }
    }
  }
}
