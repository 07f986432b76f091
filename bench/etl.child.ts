import 'reflect-metadata';

import axios from 'axios';

import { loadConfig } from '../src/config';
import { connect, disconnect } from '../src/db/connection';
import { runEtl } from '../src/etl/run-etl';
import { EtlTrigger } from '../src/models/etl-run.model';
import {
  createUsajobsClient,
  type SearchOptions,
  type SearchPage,
  type SearchQuery,
  UsajobsClient,
} from '../src/usajobs/usajobs.client';
import type { SearchResultItem } from '../src/usajobs/usajobs.types';
import { DOUBLE_API_KEY, DOUBLE_USER_AGENT } from '../test/support/usajobs-double';
import { childMain, logger, ownCpuS, peakRssMiB, rssMiB } from './support';

/** What the driver asks of this child: ETL runs of the default job seeker against the doubles. */
export interface EtlTask {
  uri: string;
  dbName: string;
  /** One USAJOBS double per shard of the data set (see ShardedClient). */
  doubleUrls: string[];
  /** 1: first run only; 2: then the same run again (every posting unchanged). */
  runs: number;
}

/** One run as measured. */
export interface EtlRunFigures {
  ms: number;
  status: string;
  fetched: number;
  kept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: string[];
  /** After each page: [ms since the run started, jobs kept so far]. */
  pages: [number, number][];
  /** CPU seconds (user + system) the ETL process used during the run. */
  cpuS: number;
}

/** Sent while the runs go on, so a run cut short by its time limit still tells what it did. */
export type EtlPartial =
  | { kind: 'run'; run: EtlRunFigures }
  | { kind: 'progress'; ms: number; kept: number; rssBeforeMiB: number; peakRssMiB: number };

export interface EtlResult {
  runs: EtlRunFigures[];
  /** RSS before the first run, after connecting. */
  rssBeforeMiB: number;
  /** Highest RSS of the process up to the end of the runs. */
  peakRssMiB: number;
  /** After the runs and a full garbage collection: what the process still holds. */
  retained: { rssMiB: number; heapUsedMiB: number };
}

/**
 * USAJOBS serves at most 10,000 results per query, so one search of the double cannot hand out 20,000 or 50,000
 * postings. The data set is split over several doubles (shards) and each search of the run reads every shard in
 * turn, through the real client (HTTP, paging, JSON parsing) as a split query would. The base instance itself never
 * sends a request.
 */
class ShardedClient extends UsajobsClient {
  constructor(private readonly shards: readonly UsajobsClient[]) {
    super(axios.create(), { apiKey: 'unused', userAgent: 'unused', logger });
  }

  override async *searchMapped<I>(
    query: SearchQuery,
    mapItem: (item: SearchResultItem) => I,
    options: SearchOptions = {},
  ): AsyncGenerator<SearchPage<I>, void> {
    for (const shard of this.shards) yield* shard.searchMapped(query, mapItem, options);
  }
}

async function run(task: EtlTask, report: (partial: EtlPartial) => void): Promise<EtlResult> {
  await connect(task.uri, { dbName: task.dbName });
  try {
    const shards = task.doubleUrls.map((url) =>
      createUsajobsClient(
        loadConfig({
          USAJOBS_BASE_URL: url,
          USAJOBS_API_KEY: DOUBLE_API_KEY,
          USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
          USAJOBS_REQUEST_INTERVAL_MS: '0',
          USAJOBS_TIMEOUT_MS: '120000',
        }),
        logger,
      ),
    );
    const rssBeforeMiB = rssMiB();
    const runs: EtlRunFigures[] = [];
    for (let n = 0; n < task.runs; n++) {
      const pages: [number, number][] = [];
      const started = performance.now();
      const cpuBefore = ownCpuS();
      const record = await runEtl(
        {},
        {
          trigger: EtlTrigger.CLI,
          logger,
          createClient: () => new ShardedClient(shards),
          onProgress: (progress) => {
            const ms = Math.round(performance.now() - started);
            pages.push([ms, progress.kept]);
            report({ kind: 'progress', ms, kept: progress.kept, rssBeforeMiB, peakRssMiB: peakRssMiB() });
          },
        },
      );
      const figures: EtlRunFigures = {
        ms: Math.round(performance.now() - started),
        status: record.status,
        fetched: record.fetched,
        kept: record.kept,
        inserted: record.inserted,
        updated: record.updated,
        unchanged: record.unchanged,
        errors: record.errors,
        pages,
        cpuS: ownCpuS() - cpuBefore,
      };
      runs.push(figures);
      report({ kind: 'run', run: figures });
    }
    const peak = peakRssMiB();
    global.gc?.();
    const retained = { rssMiB: rssMiB(), heapUsedMiB: process.memoryUsage().heapUsed / 1024 / 1024 };
    return { runs, rssBeforeMiB, peakRssMiB: peak, retained };
  } finally {
    await disconnect();
  }
}

childMain(run);
