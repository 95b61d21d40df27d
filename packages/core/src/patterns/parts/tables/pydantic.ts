/**
 * pydantic's validation error types (docs.pydantic.dev, "Validation Errors": the `type` of each
 * error, shown as "[type=int_parsing, ...]" in v2 and "(type=type_error.integer)" in v1, and as
 * `"type": "missing"` in the JSON of a 422 from FastAPI-based APIs), grouped by what they say:
 * a field missing or not allowed (the shape of the document), a value of the wrong type, or a
 * value of the right type outside what is allowed. Types ending in _type or _parsing are read as
 * type errors by the engine (typeOfPydanticError) without being listed one by one.
 */
export type PydanticKind = 'shape' | 'type' | 'value' | 'json';

export const PYDANTIC_ERROR_KINDS: Readonly<Record<string, PydanticKind>> = {
  missing: 'shape',
  missing_argument: 'shape',
  missing_keyword_only_argument: 'shape',
  missing_positional_only_argument: 'shape',
  extra_forbidden: 'shape',
  unexpected_keyword_argument: 'shape',
  unexpected_positional_argument: 'shape',
  'value_error.missing': 'shape',
  'value_error.extra': 'shape',
  is_instance_of: 'type',
  is_subclass_of: 'type',
  model_attributes_type: 'type',
  callable_type: 'type',
  arguments_type: 'type',
  literal_error: 'value',
  enum: 'value',
  value_error: 'value',
  assertion_error: 'value',
  greater_than: 'value',
  greater_than_equal: 'value',
  less_than: 'value',
  less_than_equal: 'value',
  multiple_of: 'value',
  too_long: 'value',
  too_short: 'value',
  string_too_long: 'value',
  string_too_short: 'value',
  string_pattern_mismatch: 'value',
  url_parsing: 'value',
  json_invalid: 'json',
};

/** The kind of a pydantic error type, or undefined for a type not known. */
export function pydanticKind(type: string): PydanticKind | undefined {
  if (Object.hasOwn(PYDANTIC_ERROR_KINDS, type)) return PYDANTIC_ERROR_KINDS[type];
  if (type.startsWith('type_error')) return 'type';
  if (/_(?:type|parsing)$/.test(type)) return 'type';
  return undefined;
}
