import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { type DocumentNode, Kind, type OperationDefinitionNode, visit } from 'graphql';

import type { ServiceMetrics } from '../metrics/service-metrics';
import { JOBS_DATA_SET, readDataVersion } from '../models/data-version.model';
import type { GraphqlContext } from './context';

/** Root fields whose answers depend on the stored jobs (their data version) and the clock only. */
const JOBS_ROOT_FIELDS: ReadonlySet<string> = new Set(['jobs', 'job', 'jobStats']);
/**
 * Fields that read another data set (the saved searches; the sightings of unchanged jobs, which move without a new
 * jobs data version: src/jobs/last-seen.ts), so an answer that has one is never kept.
 */
const OTHER_DATA_FIELDS: ReadonlySet<string> = new Set(['matchedProfiles', 'lastSeenAt']);

/** Longest an answer is kept, on top of the read caches under it (30 s, src/jobs/jobs.service.ts). */
export const ANSWER_MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 500;
/** Bytes of answers kept at most (a page of 100 jobs with every field is about 1 MB). */
const MAX_BYTES = 32 * 1024 * 1024;

interface Entry {
  version: number;
  expiresAt: number;
  body: Buffer;
  operationName: string | null;
}

/** What a request that missed told the plugin: where to keep its answer. */
interface Pending {
  key: string;
  version: number;
}

const pending = new WeakMap<express.Request, Pending>();

/**
 * The whole answers of read operations over the jobs (`jobs`, `job`, `jobStats` and nothing else), kept under the
 * jobs data version they were computed at, so a repeated request is answered before Apollo parses, validates and
 * executes it again: one data version read and a lookup, as cheap as a warm answer can be.
 *
 * What makes an answer right is kept with it: the data version, read from the database for every request as the
 * read caches do, so a write by any process (the ETL CLI included) is seen by the next request; the clock, as an
 * expiry at the first instant an `isOpen` or `status` in the answer changes (the resolvers report it, see
 * {@link answerChangesAt}), and at most {@link ANSWER_MAX_AGE_MS} after it was computed (which jobs an
 * `openOnly` list holds, and its `totalCount`, may then lag the clock by that plus the page cache's 30 s). Only answers without errors to anonymous `POST` JSON requests are kept; the
 * key is the exact query, variables and operation name, so the limits checked when it was computed hold for it.
 * An answer is kept from the second time it is asked (see `admit`).
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly askedOnce = new Set<string>();
  private bytes = 0;

  constructor(
    private readonly metrics?: ServiceMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  /** Express middleware, after the JSON body parser and before Apollo: answers what it holds. */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      const key = keyOf(req);
      if (key === undefined) {
        next();
        return;
      }
      if (!this.entries.has(key) && !this.admit(key)) {
        // Asked for the first time: answered without the version read a kept answer needs.
        next();
        return;
      }
      const started = performance.now();
      readDataVersion(JOBS_DATA_SET).then(
        (version) => {
          const hit = this.entries.get(key);
          if (hit && hit.version === version && this.now() < hit.expiresAt) {
            // Least recently used last.
            this.entries.delete(key);
            this.entries.set(key, hit);
            res.writeHead(200, {
              'content-type': 'application/json; charset=utf-8',
              'content-length': hit.body.length,
            });
            res.end(hit.body);
            this.metrics?.graphqlOperation(hit.operationName, 'query', 'success', started);
            return;
          }
          pending.set(req, { key, version });
          next();
        },
        // The database is unreachable: Apollo answers (DATABASE_UNAVAILABLE), as without a cache.
        () => next(),
      );
    };
  }

  /** Called by the context function: the request's context learns where its answer may be kept. */
  attach(req: express.Request, context: GraphqlContext): void {
    const slot = pending.get(req);
    if (slot) context.answer.keepAs = slot;
  }

  /** The Apollo plugin that keeps the answers worth keeping. */
  plugin(): ApolloServerPlugin<GraphqlContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, response, operation, document, operationName }) => {
          const slot = contextValue.answer.keepAs;
          if (!slot || !operation || !document || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors || result.extensions || !result.data) return;
          if (response.http.status !== undefined && response.http.status !== 200) return;
          if (!readsJobsOnly(operation, document)) return;
          const expiresAt = Math.min(this.now() + ANSWER_MAX_AGE_MS, contextValue.answer.changesAt);
          // Apollo's own serialization of such an answer.
          const body = Buffer.from(`${JSON.stringify({ data: result.data })}\n`);
          this.keep(slot, { version: slot.version, expiresAt, body, operationName: operationName ?? null });
        },
      }),
    };
  }

  /**
   * Whether an answer to this request is worth keeping: only once it was asked before (recently), so requests that
   * never come again (a job looked up once, a filter typed once) do not pay for the version read keeping needs.
   */
  private admit(key: string): boolean {
    if (this.askedOnce.delete(key)) return true;
    this.askedOnce.add(key);
    if (this.askedOnce.size > MAX_ENTRIES * 4)
      this.askedOnce.delete(this.askedOnce.values().next().value as string);
    return false;
  }

  private keep(slot: Pending, entry: Entry): void {
    if (entry.body.length > MAX_BYTES / 8) return;
    const old = this.entries.get(slot.key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(slot.key);
    }
    this.entries.set(slot.key, entry);
    this.bytes += entry.body.length;
    for (const [key, held] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.entries.delete(key);
      this.bytes -= held.body.length;
    }
  }
}

/** The key of a request whose answer may be kept; undefined for any other request. */
function keyOf(req: express.Request): string | undefined {
  if (req.method !== 'POST' || req.headers.authorization !== undefined) return undefined;
  if (!req.is('application/json')) return undefined;
  const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string')
    return undefined;
  return JSON.stringify([body.query, body.variables ?? null, body.operationName ?? null]);
}

/** A query whose root fields are all jobs reads, and which selects nothing from another data set. */
function readsJobsOnly(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  if (operation.operation !== 'query') return false;
  const roots = operation.selectionSet.selections;
  if (!roots.every((s) => s.kind === Kind.FIELD && JOBS_ROOT_FIELDS.has(s.name.value))) return false;
  let other = false;
  visit(document, {
    Field(node) {
      if (OTHER_DATA_FIELDS.has(node.name.value)) other = true;
    },
  });
  return !other;
}

/**
 * Records that an answer computed at `now` stays right only until `at` (e.g. a job's close date, when `isOpen`
 * turns false): the answer cache drops it then.
 */
export function answerChangesAt(context: GraphqlContext, at: Date | null | undefined): void {
  if (!at) return;
  const ms = at.getTime();
  if (ms > context.now.getTime() && ms < context.answer.changesAt) context.answer.changesAt = ms;
}
