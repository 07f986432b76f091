import 'reflect-metadata';

import { parseArgs } from 'node:util';

import dotenv from 'dotenv';

import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import type { EtlParams } from '../etl/params';
import { type EtlProgress, runEtl } from '../etl/run-etl';
import { createLogger } from '../logger';
import { type EtlRun, EtlRunStatus, EtlTrigger } from '../models/etl-run.model';
import { createUsajobsClient } from '../usajobs/usajobs.client';

const USAGE = `Usage: npm run etl -- [options]

Runs one ETL (USAJOBS -> jobs that fit -> database) and prints its run record as one JSON line on stdout.
Progress goes to stderr. Exit code: 0 SUCCEEDED, 2 PARTIAL, 1 FAILED or not started.

Options (defaults: a data engineer in Chicago with 5 years of experience):
  --keyword K        search keyword                      (default "data engineering")
  --location L       location name                       (default "Chicago, Illinois")
  --radius N         miles around the location           (default 50)
  --years N          years of experience -> GS grade band (default 5 -> GS-11..13)
  --no-remote        leave remote postings out
  --min-salary N     keep jobs whose annual max >= N dollars
  --posted-days N    only postings of the last N days (0..60)
  --max-pages N      read at most N pages per search (1..20)
  -h, --help         this text`;

/** Exit codes of `npm run etl`, by run status. */
export const EXIT_CODES: Record<EtlRunStatus, number> = {
  [EtlRunStatus.SUCCEEDED]: 0,
  [EtlRunStatus.PARTIAL]: 2,
  [EtlRunStatus.FAILED]: 1,
  [EtlRunStatus.RUNNING]: 1,
};

class UsageError extends Error {}

/**
 * Turns command-line arguments into run parameters.
 *
 * @throws UsageError for unknown options or values that are not numbers
 */
export function parseEtlArgs(argv: string[]): Partial<EtlParams> | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        keyword: { type: 'string' },
        location: { type: 'string' },
        radius: { type: 'string' },
        years: { type: 'string' },
        'no-remote': { type: 'boolean' },
        'min-salary': { type: 'string' },
        'posted-days': { type: 'string' },
        'max-pages': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const number = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed))
      throw new UsageError(`--${name} must be a number, got "${value}"`);
    return parsed;
  };
  const params: Partial<EtlParams> = {
    keyword: values.keyword,
    locationName: values.location,
    radiusMiles: number('radius', values.radius),
    yearsOfExperience: number('years', values.years),
    includeRemote: values['no-remote'] ? false : undefined,
    minSalary: number('min-salary', values['min-salary']),
    datePostedDays: number('posted-days', values['posted-days']),
    maxPages: number('max-pages', values['max-pages']),
  };
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<EtlParams>;
}

/** The run record with the GraphQL `EtlRun` field names. */
export function toPublicRecord(run: EtlRun): Record<string, unknown> {
  const { _id, owner: _owner, ...rest } = run as EtlRun & { owner?: string };
  return { id: _id, ...rest };
}

function progressWriter(): (progress: EtlProgress) => void {
  const tty = process.stderr.isTTY === true;
  return (p) => {
    const of = p.pages ? `/${p.pages}` : '';
    const text = `${p.search} search page ${p.page}${of}: fetched ${p.fetched}, kept ${p.kept}, skipped ${p.skipped}`;
    if (!tty) {
      process.stderr.write(`${text}\n`);
      return;
    }
    const width = 24;
    const done = p.pages ? Math.min(width, Math.round((p.page / p.pages) * width)) : 0;
    process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${text}\x1b[K`);
  };
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  let params: Partial<EtlParams> | 'help';
  try {
    params = parseEtlArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 1;
  }
  if (params === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const config = loadConfig();
  // Progress is the CLI's own output; logs stay quiet unless LOG_LEVEL asks for more.
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', process.stderr);
  const db = await openDatabase(config, logger);
  try {
    const run = await runEtl(params, {
      trigger: EtlTrigger.CLI,
      logger,
      createClient: () => createUsajobsClient(config, logger),
      leaseTtlMs: config.ETL_LEASE_TTL_MS,
      onProgress: progressWriter(),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const error of run.errors) process.stderr.write(`error: ${error}\n`);
    process.stdout.write(`${JSON.stringify(toPublicRecord(run))}\n`);
    return EXIT_CODES[run.status];
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`etl: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
