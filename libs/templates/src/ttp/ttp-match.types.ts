import type { PyDict, PyValue } from './ttp-python.values';
import type { TtpRunContext } from './ttp-run.context';

/** What a match function returns besides the value: `false` drops the match, a dict adds fields. */
export type TtpFlag = boolean | null | { new_field: PyDict };

export type TtpMatchFunction = (data: unknown, args: PyValue[], kwargs: PyDict, ctx: TtpRunContext) => [unknown, TtpFlag];
