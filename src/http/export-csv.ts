import type { Writable } from 'node:stream';

import type express from 'express';
import type { GraphQLSchema } from 'graphql';

import { isDatabaseUnavailableError } from '../db/db-errors';
import { ErrorCode } from '../graphql/errors';
import { INTERNAL_ERROR_MESSAGE } from '../graphql/format-error';
import { eachJobPage } from '../jobs/job-pages';
import { jobStatusAt } from '../jobs/job-status';
import { JobQueryError } from '../jobs/jobs.errors';
import type { Logger } from '../logger';
import type { Job } from '../models/job.model';
import { csvRecord } from './csv';
import { ExportParameterError, parseExportQuery } from './export-query';

/** Jobs read from the database per page of the export: each page is written out before the next is read. */
export const EXPORT_PAGE_SIZE = 100;

/** UTF-8 byte order mark, written first when the request says `bom=true`. */
const UTF8_BOM = '\uFEFF';

/**
 * The columns of the export, in their documented and stable order (README "CSV export"): a new column is only ever
 * added at the end.
 */
export const CSV_COLUMNS: readonly {
  name: string;
  value: (job: Job, now: Date) => string | number | boolean | null;
}[] = [
  { name: 'control_number', value: (job) => job._id },
  { name: 'position_title', value: (job) => job.positionTitle },
  { name: 'agency', value: (job) => job.organizationName ?? null },
  { name: 'department', value: (job) => job.departmentName ?? null },
  { name: 'locations', value: (job) => (job.positionLocation ?? []).map((l) => l.locationName).join('; ') },
  { name: 'remote', value: (job) => job.remote },
  { name: 'pay_plan', value: (job) => job.payPlan ?? null },
  { name: 'low_grade', value: (job) => job.lowGrade ?? null },
  { name: 'high_grade', value: (job) => job.highGrade ?? null },
  { name: 'annual_pay_min', value: (job) => job.annualSalary?.min ?? null },
  { name: 'annual_pay_max', value: (job) => job.annualSalary?.max ?? null },
  { name: 'status', value: (job, now) => jobStatusAt(job, now) },
  { name: 'open_date', value: (job) => job.publicationStartDate?.toISOString() ?? null },
  { name: 'close_date', value: (job) => job.applicationCloseDate?.toISOString() ?? null },
  { name: 'posting_url', value: (job) => job.positionUri },
  { name: 'apply_url', value: (job) => job.applyUris?.[0] ?? null },
];

/** The CSV record of one job, CRLF included. */
export function jobCsvRecord(job: Job, now: Date): string {
  return csvRecord(CSV_COLUMNS.map((column) => column.value(job, now)));
}

export interface CsvExportDeps {
  logger: Logger;
  /** The API's schema (its `JobFilter` input gives the filter parameters); built once by the caller. */
  schema: () => Promise<GraphQLSchema>;
  /** Jobs per database page (tests lower it). */
  pageSize?: number;
}

/**
 * `GET /export/jobs.csv`: every job that matches the filter in the query string, as CSV (RFC 4180, UTF-8), streamed
 * page by page: a page of jobs is read, written, and read again only once the client has taken it (backpressure),
 * so memory stays flat whatever the number of jobs. A client that goes away stops the reads.
 *
 * Answers 400 naming the parameter for a bad query, 503 when the database cannot be reached before anything was
 * sent. A failure after the first bytes cannot change the status any more: the response is aborted (no final
 * chunk), so the client sees a broken download rather than a short file that looks complete.
 */
export function createCsvExportHandler(deps: CsvExportDeps): express.RequestHandler {
  const pageSize = deps.pageSize ?? EXPORT_PAGE_SIZE;
  return async (req, res) => {
    const now = new Date();
    let pages: AsyncGenerator<Job[], void, undefined> | undefined;
    try {
      const query = await parseExportQuery(req.query as Record<string, unknown>, await deps.schema());
      pages = eachJobPage({ filter: query.criteria, sort: query.sort, first: pageSize, now });
      // The first page is read before the status is sent, so that a database that is down still gets a 503.
      const first = await pages.next();

      res.status(200);
      res.set({
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': 'attachment; filename="jobs.csv"',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      const header = csvRecord(CSV_COLUMNS.map((column) => column.name));
      let chunk = (query.bom ? UTF8_BOM : '') + header;
      if (!first.done) chunk += first.value.map((job) => jobCsvRecord(job, now)).join('');
      if (!(await writeWithBackpressure(res, chunk))) return;

      if (!first.done) {
        for await (const page of pages) {
          if (!(await writeWithBackpressure(res, page.map((job) => jobCsvRecord(job, now)).join('')))) return;
        }
      }
      res.end();
    } catch (error) {
      answerFailure(error, res, deps.logger);
    } finally {
      // Ends the reads when the loop left early (client gone, error); a no-op after the last page.
      await pages?.return();
    }
  };
}

/**
 * Writes one chunk and, when the stream's buffer is full (the client is behind), waits until it drains.
 *
 * @returns false when the stream was closed (the client went away): stop writing
 */
export async function writeWithBackpressure(res: Writable, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk, 'utf8')) return true;
  await new Promise<void>((resolve) => {
    const resume = (): void => {
      res.off('drain', resume);
      res.off('close', resume);
      resolve();
    };
    res.on('drain', resume);
    res.on('close', resume);
  });
  return !res.destroyed;
}

function answerFailure(error: unknown, res: express.Response, logger: Logger): void {
  if (res.headersSent) {
    logger.error({ err: error }, 'CSV export failed after it started; the response is aborted');
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof ExportParameterError || error instanceof JobQueryError) {
    const parameter = error instanceof ExportParameterError ? error.parameter : error.argument;
    res.status(400).json({ error: { code: ErrorCode.BAD_USER_INPUT, parameter, message: error.message } });
    return;
  }
  if (isDatabaseUnavailableError(error)) {
    logger.warn({ err: error }, 'CSV export: database unavailable');
    res.status(503).json({
      error: { code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database is unavailable; try again' },
    });
    return;
  }
  logger.error({ err: error }, 'CSV export failed');
  res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: INTERNAL_ERROR_MESSAGE } });
}
