/**
 * The slice of OpenAPI 3.1 (and its JSON Schema 2020-12 dialect) this project writes. Our own types,
 * not a dependency's: the document is plain JSON and these keep the builders honest.
 */

export type JsonType = 'array' | 'boolean' | 'integer' | 'null' | 'number' | 'object' | 'string';

export interface JsonSchema {
  $ref?: string;
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  default?: unknown;
  description?: string;
  enum?: unknown[];
  examples?: unknown[];
  format?: string;
  items?: JsonSchema;
  maxItems?: number;
  maximum?: number;
  minItems?: number;
  minimum?: number;
  not?: JsonSchema;
  oneOf?: JsonSchema[];
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  title?: string;
  type?: JsonType | JsonType[];
}

export interface OpenApiExample {
  summary?: string;
  value: unknown;
}

export interface OpenApiMediaType {
  examples?: Record<string, OpenApiExample>;
  schema: JsonSchema;
}

export interface OpenApiParameter {
  description?: string;
  example?: unknown;
  in: 'cookie' | 'header' | 'path' | 'query';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiResponse {
  content?: Record<string, OpenApiMediaType>;
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OpenApiOperation {
  description?: string;
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, OpenApiMediaType>; description?: string; required: boolean };
  responses: Record<string, OpenApiResponse>;
  security?: SecurityRequirement[];
  summary: string;
  tags: string[];
}

export type HttpMethod = 'delete' | 'get' | 'patch' | 'post' | 'put';
export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>>;

export interface OpenApiSecurityScheme {
  description?: string;
  in: 'cookie' | 'header' | 'query';
  name: string;
  type: 'apiKey';
}

export interface OpenApiDocument {
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, OpenApiSecurityScheme>;
  };
  info: { description: string; license: { identifier: string; name: string }; title: string; version: string };
  openapi: '3.1.0';
  paths: Record<string, OpenApiPathItem>;
  security: SecurityRequirement[];
  servers?: { description?: string; url: string }[];
  tags: { description: string; name: string }[];
}
