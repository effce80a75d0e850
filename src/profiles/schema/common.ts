// Small schema building blocks shared by every section.
export const num = (minimum: number, maximum: number, description?: string) => ({
  type: 'number',
  minimum,
  maximum,
  ...(description ? { description } : {}),
});
export const int = (minimum: number, maximum: number, description?: string) => ({
  type: 'integer',
  minimum,
  maximum,
  ...(description ? { description } : {}),
});
export const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...extra,
});
/** warn / fail levels of one metric. */
export const level = (minimum: number, maximum: number) =>
  obj({ warn: num(minimum, maximum), fail: num(minimum, maximum) });
export const resolution = { type: 'string', pattern: '^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$' };
