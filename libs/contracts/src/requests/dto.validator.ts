import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import type { FieldError } from '../errors/api.error';
import { maskFieldInput, maskSecrets } from '../errors/secret-mask';

type Ctor<T> = new () => T;

/** class-validator constraint name → pydantic error type, so 422 lists look like FastAPI's. */
const TYPE_OF_CONSTRAINT: Record<string, string> = {
  isDefined: 'missing',
  isIn: 'literal_error',
  isInt: 'int_type',
  isNumber: 'float_type',
  min: 'greater_than_equal',
  max: 'less_than_equal',
  isString: 'string_type',
  isNotEmpty: 'string_too_short',
  isBoolean: 'bool_type',
  isObject: 'dict_type',
  isArray: 'list_type',
  nestedValidation: 'model_type',
  isUrl: 'url_parsing',
  arrayMaxSize: 'too_long',
};

/** Lower first: a missing field before a wrong type before an out-of-range value. */
function rank(constraint: string): number {
  if (constraint === 'isDefined') return 0;
  if (['min', 'max', 'arrayMaxSize', 'matches', 'isNotEmpty'].includes(constraint)) return 2;
  return 1;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function collect(errors: ValidationError[], loc: (string | number)[], out: FieldError[]): void {
  for (const e of errors) {
    const here = [...loc, /^\d+$/.test(e.property) ? Number(e.property) : e.property];
    const constraints = Object.entries(e.constraints ?? {});
    // One entry per field, the most basic problem first (missing before type before range).
    constraints.sort(([a], [b]) => rank(a) - rank(b));
    const [name, msg] = constraints[0] ?? [];
    if (name !== undefined && msg !== undefined) {
      out.push({ type: TYPE_OF_CONSTRAINT[name] ?? name, loc: here, msg, input: maskFieldInput(here, e.value === undefined ? null : e.value) });
    }
    if (e.children && e.children.length > 0) collect(e.children, here, out);
  }
}

/**
 * Validates a plain JSON value against a DTO class. Returns the typed instance, or the FastAPI-style
 * field errors (secrets masked in each `input`).
 */
export function validateDto<T extends object>(cls: Ctor<T>, input: unknown, loc: (string | number)[] = ['body']): { value: T; errors: [] } | { value: null; errors: FieldError[] } {
  if (input === undefined || input === null) {
    return { value: null, errors: [{ type: 'missing', loc, msg: 'Field required', input: null }] };
  }
  if (!isPlainObject(input)) {
    return { value: null, errors: [{ type: 'model_attributes_type', loc, msg: 'Input should be a valid dictionary or object to extract fields from', input: maskSecrets(input) }] };
  }
  const instance = plainToInstance(cls, input, { exposeDefaultValues: true });
  const errors: FieldError[] = [];
  collect(validateSync(instance, { forbidUnknownValues: false, validationError: { target: false, value: true } }), loc, errors);
  return errors.length > 0 ? { value: null, errors } : { value: instance, errors: [] };
}

/** Renders errors the way pydantic's `str(ValidationError)` does (the `/device/exec` 422 string). */
export function pydanticText(model: string, errors: FieldError[]): string {
  const n = errors.length;
  const lines = [`${n} validation error${n === 1 ? '' : 's'} for ${model}`];
  for (const e of errors) {
    const loc = e.loc.filter((p, i) => !(i === 0 && p === 'body')).join('.') || model;
    lines.push(loc, `  ${e.msg} [type=${e.type}, input_value=${short(e.input)}, input_type=${pyType(e.input)}]`);
  }
  return lines.join('\n');
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'None';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  switch (typeof v) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'dict';
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return typeof v;
  }
  return 'object';
}
