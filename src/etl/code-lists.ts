import type { Logger } from '../logger';
import { CodeListModel } from '../models/code-list.model';
import type { UsajobsClient } from '../usajobs/usajobs.client';

/** Lists the runs split searches by. */
export type SplitCodeList = 'occupationalseries' | 'agencysubelements';

/** How long a fetched code list is used before it is fetched again. */
export const CODE_LIST_MAX_AGE_MS = 7 * 24 * 3_600_000;

/**
 * The codes of a USAJOBS code list, cached in the database (collection `code_lists`) for
 * {@link CODE_LIST_MAX_AGE_MS}. Retired codes are kept: older postings may still carry them, and a split must reach
 * every posting. A list that cannot be fetched is served from the cache however old; with neither, null.
 *
 * @param name - the list
 * @param client - fetches it when the cache is missing or old
 * @param now - the run's clock
 * @returns the codes, sorted; null when none can be had (the caller cannot split by this list)
 */
export async function codesOf(
  name: SplitCodeList,
  client: UsajobsClient,
  logger: Logger,
  now: Date,
): Promise<string[] | null> {
  const cached = await CodeListModel.findById(name).lean();
  if (cached && now.getTime() - new Date(cached.fetchedAt).getTime() < CODE_LIST_MAX_AGE_MS) {
    return cached.codes.map((entry) => entry.code);
  }
  try {
    const entries = await client.codeList(name);
    const codes = [...new Map(entries.map((entry) => [entry.code, entry])).values()].sort((a, b) =>
      a.code.localeCompare(b.code),
    );
    if (codes.length === 0) throw new Error(`USAJOBS served an empty ${name} code list`);
    await CodeListModel.updateOne({ _id: name }, { $set: { codes, fetchedAt: now } }, { upsert: true });
    return codes.map((entry) => entry.code);
  } catch (error) {
    logger.warn({ err: error, codeList: name }, 'could not fetch a USAJOBS code list');
    return cached ? cached.codes.map((entry) => entry.code) : null;
  }
}
