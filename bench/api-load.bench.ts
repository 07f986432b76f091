import 'reflect-metadata';

import autocannon from 'autocannon';

import { loadConfig } from '../src/config';
import { type EtlParams } from '../src/etl/params';
import { runEtl } from '../src/etl/run-etl';
import { startHttpServer } from '../src/http/app';
import { JobModel } from '../src/models/job.model';
import { startUsajobsDouble } from '../test/support/usajobs-double';
import { generateItems } from '../test/support/usajobs-fixtures';
import { benchDatabase, etlOptions, logger, report, rssMiB } from './bench-support';

const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const QUERY = `query Bench($after: String) {
  jobs(first: 20, after: $after, sort: { field: PUBLICATION_START_DATE, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id positionTitle organizationName annualSalary { min max } positionLocationDisplay isOpen }
  }
}`;

/**
 * Sustained `jobs` queries (autocannon, 50 connections, 30 s by default) while an ETL run loads: errors, latency and
 * memory of the API process.
 */
async function main(): Promise<void> {
  const durationS = Number(process.env.BENCH_DURATION ?? 30);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const items = generateItems(Number(process.env.BENCH_ITEMS ?? 600), {
    seed: 21,
    titles: ['Data Engineer', 'Data Engineering Lead'],
    locations: ['Chicago, Illinois', 'Naperville, Illinois'],
    patch: (item) => {
      const details = item.MatchedObjectDescriptor.UserArea?.Details;
      if (details) details.JobSummary = 'Design and run data engineering pipelines.';
    },
  });
  const { close } = await benchDatabase();
  const double = await startUsajobsDouble({ items, maxPageSize: 100 });
  const options = etlOptions(double);
  await runEtl({ keyword: 'data engineering' }, options);
  const stored = await JobModel.countDocuments();

  const config = loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN, LOG_LEVEL: 'silent' });
  const server = await startHttpServer(
    {
      config,
      logger,
      adminToken: ADMIN_TOKEN,
      runEtl: (params: Partial<EtlParams>) => runEtl(params, options),
    },
    { host: '127.0.0.1', port: 0 },
  );

  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMiB()), 1_000);
  // Every page of the ETL run is served slowly so the run overlaps most of the load.
  for (let page = 1; page <= 20; page += 1) double.failNext(1, { kind: 'delay', ms: 1_000 });
  const etl = new Promise<unknown>((resolve) => setTimeout(resolve, 2_000)).then(() =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: 'mutation { runEtl { status inserted updated unchanged durationMs } }' }),
    }).then((r) => r.json()),
  );
  const result = await autocannon({
    url: `${server.url}/graphql`,
    method: 'POST',
    connections,
    duration: durationS,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  clearInterval(sampler);
  const etlResult = await etl;

  report('api-load', {
    durationS,
    connections,
    storedJobs: stored,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    rssMiB: { min: Math.min(...rss), max: Math.max(...rss), first: rss[0], last: rss.at(-1) },
    etlDuringLoad: etlResult,
  });
  await server.close();
  await double.close();
  await close();
}

void main();
