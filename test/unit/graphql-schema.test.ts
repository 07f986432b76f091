import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { buildSchema as parseSdl, findBreakingChanges } from 'graphql';

import { SCHEMA_FILE } from '../../src/graphql/emit-schema';
import { buildGraphqlSchema, printGraphqlSchema } from '../../src/graphql/schema';

/** The public contract, kept beside the project (not in this repository); the check runs where it is present. */
const CONTRACT_FILE = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract', 'job-tracker.graphql');

describe('schema/schema.graphql', () => {
  it('when the schema is built from the classes, then the committed file is exactly its print (run `npm run schema`)', async () => {
    const printed = printGraphqlSchema(await buildGraphqlSchema());
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('when printed twice, then the print is the same (deterministic order)', async () => {
    const first = printGraphqlSchema(await buildGraphqlSchema());
    expect(printGraphqlSchema(await buildGraphqlSchema())).toBe(first);
  });

  (existsSync(CONTRACT_FILE) ? it : it.skip)(
    'when compared with the public contract, then nothing breaks it (a compatible superset)',
    () => {
      const contract = parseSdl(readFileSync(CONTRACT_FILE, 'utf8'));
      const emitted = parseSdl(readFileSync(SCHEMA_FILE, 'utf8'));
      expect(findBreakingChanges(contract, emitted).map((c) => c.description)).toEqual([]);
    },
  );
});
