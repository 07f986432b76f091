import 'reflect-metadata';

import { bumpDataVersion, JOBS_DATA_SET } from '../../src/models/data-version.model';
import { JobModel } from '../../src/models/job.model';
import { recordSightings } from '../../src/models/job-sighting.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import { useTestDatabase } from '../support/db';
import { type GraphqlTestApp, startGraphqlTestApp, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';

useTestDatabase();

const JOBS = `query Jobs { jobs(first: 5) { totalCount nodes { id positionTitle isOpen } } }`;
const WITH_PROFILES = `query Jobs { jobs(first: 5) { nodes { id positionTitle matchedProfiles { name } } } }`;

let app: GraphqlTestApp;

beforeAll(async () => {
  app = await startGraphqlTestApp();
});

afterAll(async () => {
  await app.close();
});

beforeEach(async () => {
  await JobModel.deleteMany({});
  await seedJobs([buildJob({ _id: 'AC1', positionTitle: 'Before', applicationCloseDate: daysFromNow(3) })]);
});

/** Changes the stored title behind the read model's back: only a data version bump tells readers. */
async function retitleWithoutTelling(title: string): Promise<void> {
  await JobModel.updateOne({ _id: 'AC1' }, { $set: { positionTitle: title } });
}

async function post(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ body: string; status: number }> {
  const response = await fetch(app.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { body: await response.text(), status: response.status };
}

describe('whole answers kept under the jobs data version', () => {
  it('when a jobs query is asked again with the data unchanged, then the same answer comes back, and after a change the new one', async () => {
    const first = await post(JOBS);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({
      data: { jobs: { totalCount: 1, nodes: [{ id: 'AC1', positionTitle: 'Before', isOpen: true }] } },
    });
    await retitleWithoutTelling('After');
    // Read models and answers go by the data version: an unannounced write is not seen...
    expect(await post(JOBS)).toEqual(first);
    // ...a bump by any process (the ETL CLI, another replica) is, on the next request.
    await bumpDataVersion(JOBS_DATA_SET);
    expect(JSON.parse((await post(JOBS)).body).data.jobs.nodes[0].positionTitle).toBe('After');
  });

  it('when a job is asked by id again, then the kept answer is given until the data version moves', async () => {
    const query = `query { job(id: "AC1") { id positionTitle } }`;
    // Kept from the second time it is asked.
    expect(JSON.parse((await post(query)).body).data.job.positionTitle).toBe('Before');
    expect(JSON.parse((await post(query)).body).data.job.positionTitle).toBe('Before');
    await retitleWithoutTelling('After');
    // job(id) reads its document directly: only the kept answer can still say Before.
    expect(JSON.parse((await post(query)).body).data.job.positionTitle).toBe('Before');
    await bumpDataVersion(JOBS_DATA_SET);
    expect(JSON.parse((await post(query)).body).data.job.positionTitle).toBe('After');
  });

  it('when an answer reads the saved searches, then it is computed again: a renamed search shows at once', async () => {
    await SearchProfileModel.create({
      _id: 'P1',
      name: 'First name',
      radiusMiles: 50,
      includeRemote: true,
      yearsOfExperience: 5,
    });
    await JobModel.deleteMany({});
    await seedJobs([buildJob({ _id: 'AC1', matchedProfileIds: ['P1'] })]);
    const names = async (): Promise<unknown> =>
      JSON.parse((await post(WITH_PROFILES)).body).data.jobs.nodes[0].matchedProfiles;
    expect(await names()).toEqual([{ name: 'First name' }]);
    expect(await names()).toEqual([{ name: 'First name' }]);
    // Saved searches are another data set: renaming one does not move the jobs data version.
    await SearchProfileModel.updateOne({ _id: 'P1' }, { $set: { name: 'Second name' } });
    expect(await names()).toEqual([{ name: 'Second name' }]);
  });

  it('when an answer reads lastSeenAt, then it is computed again: a run that saw the job unchanged shows at once', async () => {
    const query = `query { job(id: "AC1") { id lastSeenAt } }`;
    const seen = async (): Promise<unknown> => JSON.parse((await post(query)).body).data.job.lastSeenAt;
    const before = await seen();
    expect(await seen()).toBe(before);
    // A run that finds the job unchanged records a sighting, not a write: the jobs data version stays.
    const at = new Date(Date.now() + 60_000);
    await recordSightings('answer-cache-test', at, ['AC1']);
    expect(await seen()).toBe(at.toISOString());
  });

  it('when a request carries the admin token, then its answer is computed every time', async () => {
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const query = `query { job(id: "AC1") { positionTitle } }`;
    expect(JSON.parse((await post(query, admin)).body).data.job.positionTitle).toBe('Before');
    expect(JSON.parse((await post(query, admin)).body).data.job.positionTitle).toBe('Before');
    await retitleWithoutTelling('After');
    expect(JSON.parse((await post(query, admin)).body).data.job.positionTitle).toBe('After');
  });

  it('when a job in a kept answer closes, then the next answer calls it closed', async () => {
    const closesAt = new Date(Date.now() + 1_500);
    await seedJobs([buildJob({ _id: 'AC2', applicationCloseDate: closesAt })]);
    const query = `query { job(id: "AC2") { isOpen status } }`;
    for (let asked = 0; asked < 2; asked++) {
      expect(JSON.parse((await post(query)).body).data.job).toEqual({ isOpen: true, status: 'OPEN' });
    }
    await new Promise((resolve) => setTimeout(resolve, closesAt.getTime() - Date.now() + 50));
    expect(JSON.parse((await post(query)).body).data.job).toEqual({ isOpen: false, status: 'CLOSED' });
  });

  it('when an answer has errors, then it is not kept', async () => {
    const bad = `query { jobs(first: 5, after: "not-a-cursor") { totalCount } }`;
    const first = await post(bad);
    expect(JSON.parse(first.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.parse((await post(bad)).body).errors).toHaveLength(1);
  });
});
