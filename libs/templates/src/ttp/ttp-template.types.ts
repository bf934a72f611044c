import type { TtpCall } from './ttp-attributes.parser';
import type { PyDict, PyValue } from './ttp-python.values';
import type { TtpRegex } from './ttp-regex';

export type TtpSaveAction = 'add' | 'start' | 'startempty' | 'end' | 'join';

/** A match variable `{{ name | fn | ... }}` of a template line. */
export interface TtpVariable {
  /** The name as a regex group name (non-word characters replaced). */
  readonly name: string;
  /** The name as written; results use it. */
  readonly original: string;
  readonly functions: TtpCall[];
  readonly saveAction: TtpSaveAction;
  readonly isLine: boolean;
}

/** One template line compiled to a regex, with the variables it captures. */
export interface TtpLineRegex {
  readonly regex: TtpRegex;
  readonly variables: ReadonlyMap<string, TtpVariable>;
  action: TtpSaveAction;
  readonly group: TtpGroupModel;
  readonly isLine: boolean;
}

/** A `<group>` of a template, with its line regexes and child groups. */
export interface TtpGroupModel {
  readonly top: boolean;
  path: string[];
  name: string;
  /** `name` and index among its siblings: TTP's group identity. */
  groupId: string;
  readonly parentGroupId: string | null;
  readonly parent: TtpGroupModel | null;
  readonly grpIndex: number;
  readonly defaults: PyDict;
  runs: PyDict;
  readonly groupDefault: PyValue | undefined;
  hasStartReDefault: boolean;
  readonly funcs: TtpCall[];
  readonly method: string;
  readonly startRe: TtpLineRegex[];
  readonly endRe: TtpLineRegex[];
  readonly re: TtpLineRegex[];
  readonly children: TtpGroupModel[];
  readonly inputs: string[];
  readonly outputs: string[];
}

/** Template-level variables and where `<vars name=...>` saves them in results. */
export interface TtpVars {
  readonly values: PyDict;
  readonly toResults: Map<string, string[]>;
}
