import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextFsm } from '../textfsm/text-fsm';
import { TextFsmTemplateError } from '../textfsm/textfsm-template.error';
import { NtcIndex } from './ntc-index';
import { NtcTemplateDirLocator } from './ntc-template-dir.locator';

/**
 * The filesystem side of ntc-templates: reads a folder's `index` and its templates once and keeps
 * them compiled. One store per folder, shared by every caller in the process.
 */
export class NtcTemplateStore {
  private static readonly stores = new Map<string, NtcTemplateStore>();
  private cachedIndex: NtcIndex | undefined;
  private readonly templates = new Map<string, TextFsm>();

  private constructor(
    /** Absolute folder holding `index` and the `*.textfsm` files. */
    readonly directory: string,
  ) {}

  /** @param directory defaults to the bundled `libs/templates/ntc-templates` */
  static forDirectory(directory?: string): NtcTemplateStore {
    const absolute = resolve(directory ?? NtcTemplateDirLocator.bundled());
    let store = NtcTemplateStore.stores.get(absolute);
    if (store === undefined) {
      store = new NtcTemplateStore(absolute);
      NtcTemplateStore.stores.set(absolute, store);
    }
    return store;
  }

  /** @throws NtcIndexError, or the fs error when the index cannot be read */
  get index(): NtcIndex {
    this.cachedIndex ??= NtcIndex.parse(readFileSync(join(this.directory, 'index'), 'utf8'));
    return this.cachedIndex;
  }

  /** @throws TextFsmTemplateError naming the file, or the fs error when it cannot be read */
  template(fileName: string): TextFsm {
    let template = this.templates.get(fileName);
    if (template === undefined) {
      const text = readFileSync(join(this.directory, fileName), 'utf8');
      try {
        template = TextFsm.parse(text);
      } catch (error: unknown) {
        if (error instanceof TextFsmTemplateError) {
          throw new TextFsmTemplateError(`${fileName}: ${error.message}`, error.line);
        }
        throw error;
      }
      this.templates.set(fileName, template);
    }
    return template;
  }
}
