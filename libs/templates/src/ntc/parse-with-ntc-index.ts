import { NtcCliTable, NtcRecord } from './ntc-cli-table';
import { NtcTemplateNotFoundError } from './ntc-template-not-found.error';
import { NtcTemplateStore } from './ntc-template.store';

/** What `ntc_template_args` carries: the index is searched with these. */
export interface NtcTemplateArgs {
  /** The command as sent to the device; abbreviations the index allows (`sh ver`) match too. */
  readonly command: string;
  /** The ntc-templates platform, e.g. `cisco_ios`. */
  readonly platform: string;
}

export interface NtcParseOptions {
  /**
   * Lower-case the keys, as `ntc_templates.parse.parse_output` does. Default `false`: keys are the
   * value names as written in the template (textfsm's `ParseTextToDicts`).
   */
  readonly lowerCaseKeys?: boolean;
  /** Folder holding `index` and the templates. Default: the bundled `libs/templates/ntc-templates`. */
  readonly templateDir?: string;
}

/**
 * Parses command output with the template the ntc-templates index selects for the platform and
 * command (first matching row; several templates on one row are merged like textfsm's clitable).
 * `List` values come back as string lists, an unmatched item as `'None'`, as clitable stores them.
 * @throws NtcTemplateNotFoundError when no index row matches
 * @throws TextFsmTemplateError for a broken template, TextFsmParseError from an `Error` rule
 */
export function parseWithNtcIndex(args: NtcTemplateArgs, text: string, options: NtcParseOptions = {}): NtcRecord[] {
  for (const field of ['platform', 'command'] as const) {
    if (typeof args[field] !== 'string' || args[field] === '') {
      throw new TypeError(`ntc_template_args.${field} must be a non-empty string`);
    }
  }
  const store = NtcTemplateStore.forDirectory(options.templateDir);
  const entry = store.index.find({ Command: args.command, Platform: args.platform });
  if (entry === undefined) {
    throw new NtcTemplateNotFoundError(args.platform, args.command);
  }
  const table = NtcCliTable.parse(
    entry.templates.map((name) => store.template(name)),
    text,
  );
  const keys = options.lowerCaseKeys ? table.header.map((name) => name.toLowerCase()) : table.header;
  return table.rows.map((row) => {
    const record: NtcRecord = {};
    keys.forEach((key, index) => {
      record[key] = row[index] ?? '';
    });
    return record;
  });
}
