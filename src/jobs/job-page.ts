import { type JobCursor, SORT_KEYS } from './job-cursor';
import { type JobSort, SortDirection } from './job-sort';
import type { MongoFilter } from './mongo-filter';

/** One range of the ordering, read with one `find`: its keyset condition and its sort. */
export interface PageSegment {
  filter: MongoFilter;
  sort: Record<string, 1 | -1>;
}

/**
 * Plans the keyset reads of the page that follows `after`.
 *
 * The ordering is: jobs WITH a value in the sort field, by (value, _id) in the asked direction, THEN jobs without one
 * (null or missing), by _id in the same direction. Databases put null first in ascending order, so the two groups
 * are read as two segments instead of trusting the engine's null ordering: the second segment is read only when the
 * first did not fill the page, so a page costs one `find`, two only where it crosses from one group into the other.
 *
 * @param after - the position of the last job of the previous page; null for the first page
 * @returns the segments to read in order (the caller ANDs each with the filter and stops once the page is full)
 */
export function planPageSegments(sort: JobSort, after: JobCursor | null): PageSegment[] {
  const { path } = SORT_KEYS[sort.field];
  const dir = sort.direction === SortDirection.ASC ? 1 : -1;
  const beyond = dir === 1 ? '$gt' : '$lt';

  const withoutValue = (afterId?: string): PageSegment => ({
    filter: afterId === undefined ? { [path]: null } : { [path]: null, _id: { [beyond]: afterId } },
    sort: { _id: dir },
  });
  if (after !== null && after.value === null) return [withoutValue(after.id)];

  const hasValue: MongoFilter = { [path]: { $ne: null } };
  const withValue: PageSegment = {
    filter:
      after === null
        ? hasValue
        : {
            $and: [
              hasValue,
              {
                $or: [
                  { [path]: { [beyond]: after.value } },
                  { [path]: after.value, _id: { [beyond]: after.id } },
                ],
              },
            ],
          },
    sort: { [path]: dir, _id: dir },
  };
  return [withValue, withoutValue()];
}
