import 'reflect-metadata';

import { runEtl } from '../src/etl/run-etl';
import { JobModel } from '../src/models/job.model';
import { startUsajobsDouble } from '../test/support/usajobs-double';
import { generateItems } from '../test/support/usajobs-fixtures';
import { benchDatabase, etlOptions, report, rssMiB, timed } from './bench-support';

/** A full ETL of N generated postings near Chicago into a fresh FerretDB, then the same run again (all unchanged). */
async function main(): Promise<void> {
  const n = Number(process.env.BENCH_ITEMS ?? 2_000);
  const items = generateItems(n, {
    seed: 11,
    titles: ['Data Engineer', 'Data Engineering Lead', 'IT Specialist (Data Engineering)'],
    locations: ['Chicago, Illinois', 'Naperville, Illinois', 'Aurora, Illinois'],
    patch: (item) => {
      const details = item.MatchedObjectDescriptor.UserArea?.Details;
      if (details) details.JobSummary = 'Design and run data engineering pipelines.';
    },
  });
  const { close } = await benchDatabase();
  const double = await startUsajobsDouble({ items, maxPageSize: 500 });
  try {
    const rssBefore = rssMiB();
    const first = await timed(() => runEtl({ keyword: 'data engineering' }, etlOptions(double)));
    const rssAfterFirst = rssMiB();
    const second = await timed(() => runEtl({ keyword: 'data engineering' }, etlOptions(double)));
    report('etl', {
      items: n,
      stored: await JobModel.countDocuments(),
      firstRun: {
        ms: first.ms,
        status: first.value.status,
        fetched: first.value.fetched,
        kept: first.value.kept,
        inserted: first.value.inserted,
        pages: first.value.pagesFetched,
      },
      secondRun: {
        ms: second.ms,
        status: second.value.status,
        unchanged: second.value.unchanged,
        inserted: second.value.inserted,
        updated: second.value.updated,
      },
      keptPerSecondFirstRun: Math.round(first.value.kept / (first.ms / 1000)),
      rssMiB: { before: rssBefore, afterFirstRun: rssAfterFirst, afterSecondRun: rssMiB() },
    });
  } finally {
    await double.close();
    await close();
  }
}

void main();
