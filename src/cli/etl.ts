import 'reflect-metadata';

import { parseArgs } from 'node:util';

import dotenv from 'dotenv';

import type { Config } from '../config';
import { EtlParamsError } from '../etl/etl.errors';
import { gradeBand } from '../etl/fit';
import {
  DEFAULT_ETL_PARAMS,
  type EtlParams,
  PARAM_LIMITS,
  validateParams,
  withDefaults,
} from '../etl/params';
import type { EtlProgress, EtlRequest } from '../etl/run-etl';
import { progressOf } from '../etl/run-progress';
import type { Logger } from '../logger';
import type { EtlRun, EtlRunStatus } from '../models/etl-run.model';
import type { UsajobsClient } from '../usajobs/usajobs.client';

/*
 * Everything a user can get wrong (options, configuration, credentials) is checked before the database starts, and
 * the heavy modules (driver, models, ETL) load only after that: a mistake costs a fraction of a second and prints
 * one line. Modules used before that point stay light (params, fit; config, logger, client once options are good).
 */

/** Each run parameter and the option that sets it; the ETL's messages name parameters, the CLI names options. */
const OPTION_OF: Record<keyof EtlParams, string> = {
  keyword: '--keyword',
  locationName: '--location',
  radiusMiles: '--radius',
  yearsOfExperience: '--years',
  includeRemote: '--no-remote',
  minSalary: '--min-salary',
  datePostedDays: '--posted-days',
  maxPages: '--max-pages',
};

/**
 * Names by the naming rule (README, "Names": the kebab-case of the GraphQL name) for options that predate it; the old
 * names keep working.
 */
const RULE_NAMES: Readonly<Record<string, string>> = {
  'location-name': 'location',
  'radius-miles': 'radius',
  'date-posted-days': 'posted-days',
};

const STRING_OPTIONS = [
  'profile',
  'keyword',
  'location',
  'radius',
  'years',
  'min-salary',
  'posted-days',
  'max-pages',
] as const;

const D = DEFAULT_ETL_PARAMS;
const L = PARAM_LIMITS;
const band = gradeBand(D.yearsOfExperience);
const option = (name: string, text: string, byDefault?: string): string =>
  `  ${name.padEnd(19)}${byDefault === undefined ? text : `${text.padEnd(39)}(default ${byDefault})`}`;

/** Bounds and defaults come from the ETL's own PARAM_LIMITS and DEFAULT_ETL_PARAMS. */
export const USAGE = [
  'Usage: npm run etl -- [options]',
  '',
  'Runs one ETL (USAJOBS -> jobs that fit -> database) and prints its run record as one JSON line on stdout.',
  'Progress goes to stderr. Exit code: 0 SUCCEEDED, 2 PARTIAL, 3 CANCELLED, 1 FAILED or not started.',
  '',
  'Without options it runs every enabled saved search (the default one, a data engineer in Chicago with 5 years',
  'of experience, is created when none is stored).',
  option('--profile NAME', 'run this saved search only (its name or id)'),
  option('--scheduled', 'the same run as a schedule tick (trigger SCHEDULE), for a CronJob or cron;'),
  option('', 'while another run goes on it is skipped: exit 0, {"skipped": ...} on stdout'),
  '',
  'Search options make an ad-hoc run instead (unset ones take the defaults):',
  option('--keyword K', 'search keyword', `"${D.keyword}"`),
  option('--location L', 'location name', `"${D.locationName}"`),
  option(
    '--radius N',
    `miles around the location (${L.radiusMiles.min}..${L.radiusMiles.max})`,
    `${D.radiusMiles}`,
  ),
  option(
    '--years N',
    `years of experience (${L.yearsOfExperience.min}..${L.yearsOfExperience.max})`,
    `${D.yearsOfExperience} -> GS-${band.low}..${band.high}`,
  ),
  option('--no-remote', 'leave remote postings out'),
  option('--min-salary N', 'keep jobs whose annual max >= N dollars'),
  option(
    '--posted-days N',
    `only postings of the last N days (${L.datePostedDays.min}..${L.datePostedDays.max})`,
  ),
  option('--max-pages N', `read at most N pages per search (${L.maxPages.min}..${L.maxPages.max})`),
  option('-h, --help', 'this text'),
  '',
  'By the naming rule (README, "Names") --location, --radius and --posted-days are also --location-name,',
  '--radius-miles and --date-posted-days.',
].join('\n');

/** Exit codes of `npm run etl`, by run status. */
export const EXIT_CODES: Record<EtlRunStatus, number> = {
  SUCCEEDED: 0,
  PARTIAL: 2,
  FAILED: 1,
  RUNNING: 1,
  // Stopped by cancelEtlRun from the API; what it loaded is stored.
  CANCELLED: 3,
};

/** A bad command line: one line for the user, printed with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Turns command-line arguments into run parameters and checks them against the ETL's own rules, naming options as
 * typed (`--years`, not `yearsOfExperience`). A negative number may follow its option (`--radius -5`).
 *
 * @param argv - the arguments after the script name
 * @returns the parameters that were set (the ETL fills in the rest), `'scheduled'` (`--scheduled`), or `'help'`
 * @throws UsageError naming the first unknown option, the missing value or the values out of bounds
 */
export function parseEtlArgs(argv: string[]): EtlRequest | 'scheduled' | 'help' {
  // Not strict: node's strict mode refuses `--radius -5` as "ambiguous"; the checks below are ours instead.
  const { tokens } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: {
      ...Object.fromEntries(
        [...STRING_OPTIONS, ...Object.keys(RULE_NAMES)].map((name) => [name, { type: 'string' as const }]),
      ),
      'no-remote': { type: 'boolean' },
      scheduled: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const typed = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`unexpected argument "${token.value}"`);
    if (token.kind !== 'option') continue;
    const name = RULE_NAMES[token.name] ?? token.name;
    if (name === 'help' || name === 'no-remote' || name === 'scheduled') {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
      typed.set(name, true);
    } else if ((STRING_OPTIONS as readonly string[]).includes(name)) {
      // `--keyword --location X`: the value is missing, not "--location".
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
        throw new UsageError(`${token.rawName} needs a value`);
      }
      const earlier = typed.get(name);
      if (earlier !== undefined && earlier !== token.value) {
        throw new UsageError(
          `--${name} is given twice with different values ("${String(earlier)}", "${token.value}")`,
        );
      }
      typed.set(name, token.value);
    } else {
      throw new UsageError(`unknown option ${token.rawName}`);
    }
  }
  if (typed.has('help')) return 'help';
  if (typed.has('scheduled')) {
    const others = [...typed.keys()].filter((name) => name !== 'scheduled');
    if (others.length > 0) {
      throw new UsageError(`--scheduled runs every enabled saved search: drop --${others.join(', --')}`);
    }
    return 'scheduled';
  }

  const text = (name: string): string | undefined => {
    const value = typed.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const number = (name: string): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed)) {
      throw new UsageError(`--${name} must be a number, got "${value}"`);
    }
    return parsed;
  };
  const params: Partial<EtlParams> = {
    keyword: text('keyword'),
    locationName: text('location'),
    radiusMiles: number('radius'),
    yearsOfExperience: number('years'),
    includeRemote: typed.has('no-remote') ? false : undefined,
    minSalary: number('min-salary'),
    datePostedDays: number('posted-days'),
    maxPages: number('max-pages'),
  };
  const set = Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined),
  ) as Partial<EtlParams>;
  const profile = text('profile');
  if (profile !== undefined) {
    if (profile.trim() === '') throw new UsageError('--profile needs a value');
    const others = [...typed.keys()].filter((name) => name !== 'profile');
    if (others.length > 0) {
      throw new UsageError(`--profile runs a saved search as saved: drop --${others.join(', --')}`);
    }
    return { profile: profile.trim() };
  }
  try {
    validateParams(withDefaults(set));
  } catch (error) {
    if (error instanceof EtlParamsError) throw new UsageError(inOptionTerms(error.message, typed));
    throw error;
  }
  return set;
}

/** Rewrites "Invalid ETL parameters: yearsOfExperience must be …; …" as "--years must be …, got "1.5"; …". */
function inOptionTerms(message: string, typed: Map<string, string | true>): string {
  return message
    .replace(/^Invalid ETL parameters: /, '')
    .split('; ')
    .map((problem) => {
      const param = problem.split(' ', 1)[0] as keyof EtlParams;
      const option = OPTION_OF[param];
      if (!option) return problem;
      const value = typed.get(option.slice(2));
      return `${option}${problem.slice(param.length)}${typeof value === 'string' ? `, got "${value}"` : ''}`;
    })
    .join('; ');
}

/** The run record with the GraphQL `EtlRun` field names. */
export function toPublicRecord(run: EtlRun): Record<string, unknown> {
  const { _id, owner: _owner, ...rest } = run as EtlRun & { owner?: string };
  return { id: _id, ...rest };
}

/**
 * One progress line: the search (and slice) the page was of, then the run's figures as its record shows them
 * (`etlRun(id).progress`, {@link progressOf}): "location search [AF]: page 5/12 of the run, 0/2 searches done;
 * fetched …". The pages expected only grow as a split search finds its slices, and the pages fetched never pass
 * them; a search's own page count would not do (a split search reads one page of its capped count). When
 * `--max-pages` stops a search early, the note gives the search's real count: "(stopping after page 1 of 4:
 * --max-pages)".
 *
 * @param p - what the run reported
 * @returns the text, without bar or line end
 */
export function progressText(p: EtlProgress): string {
  const run = progressOf(p, new Date());
  const slice = p.slice ? ` [${p.slice}]` : '';
  const stop = p.stopAfter ? ` (stopping after page ${p.stopAfter} of ${p.pages}: --max-pages)` : '';
  return (
    `${p.search} search${slice}${stop}: page ${run.pagesFetched}/${run.pagesExpected} of the run, ` +
    `${run.searchesDone}/${run.searchesTotal} searches done; fetched ${p.fetched}, kept ${p.kept}, skipped ${p.skipped}`
  );
}

/**
 * Writes the progress of a run: a line per page, or on a terminal one line redrawn with a bar of the run's pages
 * fetched of expected.
 *
 * @param out - where to write; stderr by default (stdout carries only the record)
 * @returns the run's `onProgress`
 */
export function progressWriter(
  out: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean } = process.stderr,
): (progress: EtlProgress) => void {
  const tty = out.isTTY === true;
  return (p) => {
    const text = progressText(p);
    if (!tty) {
      out.write(`${text}\n`);
      return;
    }
    const width = 24;
    const { pagesFetched, pagesExpected } = progressOf(p, new Date());
    const done = pagesExpected ? Math.min(width, Math.round((pagesFetched / pagesExpected) * width)) : 0;
    out.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${text}\x1b[K`);
  };
}

/** Configuration and the USAJOBS client, or the one line that says what is missing. */
async function prepare(): Promise<{ config: Config; logger: Logger; client: UsajobsClient }> {
  const { loadConfig } = await import('../config');
  const { createLogger } = await import('../logger');
  const { createUsajobsClient } = await import('../usajobs/usajobs.client');
  dotenv.config({ quiet: true });
  const config = loadConfig();
  // Progress is the CLI's own output; logs stay quiet unless LOG_LEVEL asks for more.
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', process.stderr);
  // Built before the database starts: missing credentials stop here, with nothing started or recorded.
  const client = createUsajobsClient(config, logger);
  return { config, logger, client };
}

async function main(): Promise<number> {
  let params: EtlRequest | 'scheduled' | 'help';
  try {
    params = parseEtlArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`etl: ${error.message}\n\n${USAGE}\n`);
    return 1;
  }
  if (params === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const { config, logger, client } = await prepare();
  const { openDatabase } = await import('../db/database');
  const { runEtl } = await import('../etl/run-etl');
  const { createDigestSender } = await import('../digest/digest-sender');
  const { runScheduledEtl } = await import('../etl/scheduled-run');
  const { EtlConflictError } = await import('../etl/etl.errors');
  const { EtlTrigger } = await import('../models/etl-run.model');
  const db = await openDatabase(config, logger);
  try {
    const options = {
      logger,
      createClient: () => client,
      leaseTtlMs: config.ETL_LEASE_TTL_MS,
      afterRun: createDigestSender(config, logger),
      onProgress: progressWriter(),
    };
    let run: EtlRun;
    if (params === 'scheduled') {
      try {
        run = await runScheduledEtl(options);
      } catch (error) {
        if (!(error instanceof EtlConflictError)) throw error;
        // As a schedule tick while a run goes on: skipped, not failed (a CronJob would count it a failed Job).
        process.stderr.write(`etl: scheduled run skipped: ${error.message}\n`);
        process.stdout.write(`${JSON.stringify({ skipped: error.message })}\n`);
        return 0;
      }
    } else {
      run = await runEtl(params, { ...options, trigger: EtlTrigger.CLI });
    }
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
