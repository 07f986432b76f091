import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import mongoose from 'mongoose';

import { type EmbeddedDb, startEmbeddedDb } from '../../src/db/embedded';
import { silentLogger } from '../support/logger';
import { waitFor } from '../support/service-process';

type Client = InstanceType<typeof mongoose.mongo.MongoClient>;

/**
 * The launcher's `_id` lookup index (db-launcher/idindex.go). The plan is the one FerretDB's own `explain` reports:
 * SQLite's EXPLAIN QUERY PLAN of the very query FerretDB runs for an `_id` equality, so these tests read FerretDB's
 * query text, not a copy of it. Without the index the plan is `SCAN <table>`.
 *
 * A server of its own (not the run's shared one): the last test restarts it.
 */
const USES_ID_INDEX =
  /^id=\d+ parent=\d+ notused=\d+ detail=SEARCH \S+ USING INDEX _jobtracker_id_\S+ \(<expr>=\?\)$/;

jest.setTimeout(60_000);

describe('the _id lookup index the launcher keeps on every collection', () => {
  let dataDir: string;
  let server: EmbeddedDb;
  let client: Client;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'job-tracker-id-index-'));
    server = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    client = await new mongoose.mongo.MongoClient(server.uri).connect();
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function idPlan(dbName: string, collection: string, id: string): Promise<string[]> {
    const explain = await client.db(dbName).command({ explain: { find: collection, filter: { _id: id } } });
    return (explain.queryPlanner as { Plan: string[] }).Plan;
  }

  /**
   * Waits (the launcher looks at the files four times a second) until the `_id` plan uses the index. A real lookup
   * comes first each time: SQLite notices another connection's schema change when a statement runs, and an EXPLAIN
   * does not run one, so FerretDB's pooled connection would otherwise explain with the schema it had cached.
   */
  async function expectIdLookupIndexed(dbName: string, collection: string, id: string): Promise<void> {
    let plan: string[] = [];
    await waitFor(
      async () => {
        await client
          .db(dbName)
          .collection(collection)
          .findOne({ _id: id as never });
        plan = await idPlan(dbName, collection, id);
        return plan.some((row) => USES_ID_INDEX.test(row));
      },
      15_000,
      100,
    ).catch(() => undefined);
    expect(plan).toEqual([expect.stringMatching(USES_ID_INDEX)]);
  }

  async function insertJobs(dbName: string, collection: string, count: number): Promise<void> {
    await client
      .db(dbName)
      .collection<{ _id: string }>(collection)
      .insertMany(
        Array.from({ length: count }, (_, i) => ({ _id: `J${i}`, positionTitle: `Data Engineer ${i}` })),
      );
  }

  it('when a collection is created while the server runs, then find by _id is served from the index', async () => {
    await insertJobs('created_later', 'jobs', 50);
    await expectIdLookupIndexed('created_later', 'jobs', 'J7');
    expect(
      await client
        .db('created_later')
        .collection('jobs')
        .findOne({ _id: 'J7' as never }),
    ).toMatchObject({
      positionTitle: 'Data Engineer 7',
    });
  });

  it('when a collection is dropped and created again (wipe), then the new one gets the index too', async () => {
    await insertJobs('recreated', 'jobs', 10);
    await expectIdLookupIndexed('recreated', 'jobs', 'J1');
    await client.db('recreated').collection('jobs').drop();
    await insertJobs('recreated', 'jobs', 10);
    await expectIdLookupIndexed('recreated', 'jobs', 'J1');
  });

  it('when a database is dropped (its file deleted) and created again, then its collections get the index', async () => {
    await insertJobs('dropped_db', 'jobs', 10);
    await expectIdLookupIndexed('dropped_db', 'jobs', 'J2');
    await client.db('dropped_db').dropDatabase();
    await insertJobs('dropped_db', 'jobs', 10);
    await expectIdLookupIndexed('dropped_db', 'jobs', 'J2');
  });

  it('when the index exists, then FerretDB still lists only its own indexes and still refuses a duplicate _id', async () => {
    await insertJobs('semantics', 'jobs', 5);
    await expectIdLookupIndexed('semantics', 'jobs', 'J3');
    const jobs = client.db('semantics').collection<{ _id: string; positionTitle?: string }>('jobs');
    expect((await jobs.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_']);
    await expect(jobs.insertOne({ _id: 'J3' })).rejects.toMatchObject({ code: 11000 });
    await jobs.updateOne({ _id: 'J3' }, { $set: { positionTitle: 'Renamed' } });
    expect(await jobs.findOne({ _id: 'J3' })).toMatchObject({ positionTitle: 'Renamed' });
    expect(await jobs.countDocuments({})).toBe(5);
  });

  it('when the server restarts, then collections stored before are served from the index from the first query on', async () => {
    await insertJobs('restarted', 'jobs', 10);
    await expectIdLookupIndexed('restarted', 'jobs', 'J4');
    await client.close();
    await server.stop();
    server = await startEmbeddedDb({ dataDir, port: 0, logger: silentLogger() });
    client = await new mongoose.mongo.MongoClient(server.uri).connect();
    expect(await idPlan('restarted', 'jobs', 'J4')).toEqual([expect.stringMatching(USES_ID_INDEX)]);
  });
});
