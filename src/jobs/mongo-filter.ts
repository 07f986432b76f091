/** A MongoDB filter document as the builders produce it (plain data; no user string is ever used as a key). */
export type MongoFilter = Record<string, unknown>;

/**
 * ANDs filters, dropping empty ones, without nesting `$and` inside `$and`.
 *
 * @returns `{}` when nothing constrains, the filter itself when only one does, `{ $and: [...] }` otherwise
 */
export function allOf(...filters: readonly MongoFilter[]): MongoFilter {
  const clauses = filters.flatMap((f) => {
    const keys = Object.keys(f);
    if (keys.length === 0) return [];
    if (keys.length === 1 && Array.isArray(f.$and)) return f.$and as MongoFilter[];
    return [f];
  });
  if (clauses.length === 0) return {};
  if (clauses.length === 1) return clauses[0]!;
  return { $and: clauses };
}
