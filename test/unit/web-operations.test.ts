import { readFileSync } from 'node:fs';
import path from 'node:path';

import { buildSchema, parse, validate } from 'graphql';

import * as operations from '../../web/src/api/operations';
import { MAX_BANDS, salaryBandsQuery } from '../../web/src/lib/salary-bands';

const schema = buildSchema(
  readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'),
);

/** Every operation the dashboard sends, by name. */
const documents: [string, string][] = [
  ...(Object.entries(operations) as [string, unknown][]).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  ),
  ['salaryBandsQuery(1)', salaryBandsQuery(1)],
  [`salaryBandsQuery(${MAX_BANDS})`, salaryBandsQuery(MAX_BANDS)],
];

describe('the dashboard operations', () => {
  it('when the dashboard module is read, then it holds its operations', () => {
    expect(documents.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'JOBS_QUERY',
        'JOB_QUERY',
        'JOB_STATS_QUERY',
        'ETL_RUNS_QUERY',
        'RUN_ETL_MUTATION',
        'SEARCH_PROFILES_QUERY',
        'CREATE_SEARCH_PROFILE_MUTATION',
        'UPDATE_SEARCH_PROFILE_MUTATION',
        'DELETE_SEARCH_PROFILE_MUTATION',
      ]),
    );
  });

  it.each(documents)(
    'when %s is validated against schema/schema.graphql, then it is valid',
    (_name, document) => {
      expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
    },
  );
});
