import { plainToInstance } from 'class-transformer';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { JsonSchema, JsonType } from './openapi.types';

type DtoClass = new () => object;

/** One request DTO documented under its contract name. */
export interface DtoSchemaEntry {
  cls: DtoClass;
  description: string;
  /** Unknown keys are kept and passed on (pydantic `extra=allow`), so the schema says so. */
  extraAllowed: boolean;
  /** Per-field notes the decorators cannot carry (units, contract rules). */
  fields?: Record<string, string>;
  /** Component name: the contract's model name (`ExecutionRequest`), not the class name. */
  name: string;
}

export const SCHEMA_REF = '#/components/schemas/';

// A function with literal types, so the same value satisfies both our `JsonSchema` and the
// generator's own schema type (a transitive dependency's, which we do not import).
const payloadSchema = () => ({
  anyOf: [{ type: 'string' as const }, { type: 'array' as const, items: { type: 'string' as const } }, { type: 'object' as const, additionalProperties: true }],
  description: 'A command (or config line), a list of them, or an object used as the context of `rendering`.',
});

/** `command` / `config`: what `@IsPayload()` accepts (a string, a list of strings, or a template context). */
export const PAYLOAD_SCHEMA: JsonSchema = payloadSchema();

/**
 * JSON Schemas of request DTOs, generated from the same class-validator metadata that validates the
 * requests (class-validator-jsonschema), then completed with what the decorators alone do not say:
 * defaults (read from a fresh instance, so a changed default shows up here), `null` for
 * `@IsOptional()` fields (pydantic `Optional`), optional fields that have defaults, the contract's
 * model names, and notes.
 */
export function buildDtoSchemas(entries: readonly DtoSchemaEntry[]): Record<string, JsonSchema> {
  const names = new Map(entries.map((e) => [e.cls.name, e.name]));
  const out: Record<string, JsonSchema> = {};
  for (const entry of entries) out[entry.name] = completeSchema(entry, generate(entry.cls), names);
  return out;
}

function generate(cls: DtoClass): JsonSchema {
  const raw = targetConstructorToSchema(cls, {
    refPointerPrefix: SCHEMA_REF,
    additionalConverters: {
      // Required-ness is expressed by `required`; the generator's `not: {type: null}` only adds noise.
      [ValidationTypes.IS_DEFINED]: {},
      isPayload: payloadSchema,
      [ValidationTypes.NESTED_VALIDATION]: (meta: { propertyName: string; target: unknown }) => {
        const nested = typeof meta.target === 'function' ? nestedClassOf(meta.target as DtoClass, meta.propertyName) : undefined;
        return nested ? { $ref: `${SCHEMA_REF}${nested.name}` } : { type: 'object' };
      },
    },
  });
  // Plain JSON from here on: the generator's types belong to a transitive dependency.
  return JSON.parse(JSON.stringify(raw)) as JsonSchema;
}

/**
 * The class `@Type(() => X)` names for a property, found through class-transformer's public API (a
 * probe transform) rather than its private metadata store; `design:type` cannot tell, since a
 * `X | null` property is emitted as `Object`.
 */
function nestedClassOf(cls: DtoClass, prop: string): DtoClass | undefined {
  const probe = plainToInstance(cls, { [prop]: {} }) as Record<string, unknown>;
  const value = probe[prop];
  const ctor = typeof value === 'object' && value !== null ? (value.constructor as DtoClass) : undefined;
  return ctor && ctor !== Object ? ctor : undefined;
}

function completeSchema(entry: DtoSchemaEntry, schema: JsonSchema, names: Map<string, string>): JsonSchema {
  const instance = new entry.cls() as Record<string, unknown>;
  const optional = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(entry.cls, '', true, false)
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
      .map((m) => m.propertyName),
  );
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [prop, raw] of Object.entries(schema.properties ?? {})) {
    let p = renameRefs(raw, names);
    const fallback = instance[prop];
    if (optional.has(prop)) p = nullable(p);
    if (fallback !== undefined) p = { ...p, default: JSON.parse(JSON.stringify(fallback)) as unknown };
    const note = entry.fields?.[prop];
    if (note) p = { ...p, description: p.description ? `${note} ${p.description}` : note };
    properties[prop] = p;
    // A field with a default is filled in before validation, so a client may always omit it.
    if ((schema.required ?? []).includes(prop) && fallback === undefined) required.push(prop);
  }
  const result: JsonSchema = { title: entry.name, description: entry.description, type: 'object', properties };
  if (required.length > 0) result.required = required;
  if (entry.extraAllowed) result.additionalProperties = true;
  return result;
}

/** Rewrites class-name refs to component names and drops the generator's `type` next to a `$ref`. */
function renameRefs(schema: JsonSchema, names: Map<string, string>): JsonSchema {
  if (schema.$ref) {
    const cls = schema.$ref.slice(SCHEMA_REF.length);
    const { $ref: _ref, type: _type, ...rest } = schema;
    return { ...rest, $ref: `${SCHEMA_REF}${names.get(cls) ?? cls}` };
  }
  if (schema.items) return { ...schema, items: renameRefs(schema.items, names) };
  return schema;
}

/** Lets a schema accept `null` as pydantic's `Optional[...]` does. */
function nullable(schema: JsonSchema): JsonSchema {
  if (schema.$ref) {
    const { $ref, description, ...rest } = schema;
    return { ...rest, ...(description ? { description } : {}), anyOf: [{ $ref }, { type: 'null' }] };
  }
  if (schema.anyOf) return schema.anyOf.some((s) => s.type === 'null') ? schema : { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  if (schema.type === undefined) return schema; // `{}` already accepts anything, null included
  const types: JsonType[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const withNull: JsonSchema = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
  if (schema.enum && !schema.enum.includes(null)) withNull.enum = [...schema.enum, null];
  return withNull;
}
