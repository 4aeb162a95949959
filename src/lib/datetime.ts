/** PostgreSQL prints timestamptz as `2026-11-29 00:17:29.123456+00`; GraphQL's DateTime wants RFC 3339. */
export function toDateTime(value: string): Date {
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}
