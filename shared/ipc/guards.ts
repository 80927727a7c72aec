/**
 * Small type guards for IPC payloads. Payloads come from another process (possibly a
 * compromised page), so a guard accepts only plain objects with exactly the expected keys.
 */
export type Guard<T> = (value: unknown) => value is T;

/** A plain object (not an array, not a class instance) whose keys are all in `allowed`. */
export function isRecordWith(value: unknown, allowed: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.keys(value).every((key) => allowed.includes(key));
}

export function isString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

export function isNonEmptyString(value: unknown, maxLength: number): value is string {
  return isString(value, maxLength) && value.length > 0;
}

/** No request body: `undefined` or `{}`. */
export function isEmptyRequest(value: unknown): value is Record<string, never> | undefined {
  return value === undefined || isRecordWith(value, []);
}
