import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

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

/** A kept answer: the bytes Apollo sent, and what they are right for. */
export interface KeptAnswer {
  version: number;
  expiresAt: number;
  body: Buffer;
  operationName: string | null;
}

/** What a request that missed told the plugin: where to keep its answer. */
export interface Pending {
  key: string;
  version: number;
}

const pending = new WeakMap<IncomingMessage, Pending>();
/** Requests already looked up (by the answer lane), which the Express middleware lets through. */
const looked = new WeakSet<IncomingMessage>();

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
  private readonly entries = new Map<string, KeptAnswer>();
  private readonly askedOnce = new Set<string>();
  private bytes = 0;

  constructor(
    private readonly metrics?: ServiceMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * What a request asking `key` gets: the answer kept for it, or the slot its own answer may be kept in (the caller
   * then lets Apollo compute it and passes the slot on with {@link mark}). Undefined when the request is asked for
   * the first time: it is answered without the version read a kept answer needs. Rejects when the data version
   * cannot be read (the database is unreachable: Apollo answers DATABASE_UNAVAILABLE, as without a cache).
   */
  async lookup(key: string): Promise<{ hit: KeptAnswer } | { keepAs: Pending } | undefined> {
    if (!this.entries.has(key) && !this.admit(key)) return undefined;
    const version = await readDataVersion(JOBS_DATA_SET);
    const hit = this.entries.get(key);
    if (hit && hit.version === version && this.now() < hit.expiresAt) {
      // Least recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { hit };
    }
    return { keepAs: { key, version } };
  }

  /** Records that `req` was looked up, and where its answer may be kept (none: it may not be). */
  mark(req: IncomingMessage, keepAs: Pending | undefined): void {
    looked.add(req);
    if (keepAs) pending.set(req, keepAs);
  }

  /**
   * Express middleware, after the JSON body parser and before Apollo: answers what it holds, for the requests the
   * answer lane (src/http/answer-lane.ts) did not look up already.
   */
  middleware(): express.RequestHandler {
    return (req, res, next) => {
      const key = looked.has(req) ? undefined : keyOf(req.method, req.headers, req.body);
      if (key === undefined) {
        next();
        return;
      }
      const started = performance.now();
      this.lookup(key).then(
        (found) => {
          if (found && 'hit' in found) {
            this.send(res, found.hit, started);
            return;
          }
          this.mark(req, found?.keepAs);
          next();
        },
        () => next(),
      );
    };
  }

  /** Writes a kept answer and counts it as the operation it answers. */
  send(res: ServerResponse, answer: KeptAnswer, started: number): void {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': answer.body.length,
    });
    res.end(answer.body);
    this.metrics?.graphqlOperation(answer.operationName, 'query', 'success', started);
  }

  /** Called by the context function: the request's context learns where its answer may be kept. */
  attach(req: IncomingMessage, context: GraphqlContext): void {
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

  private keep(slot: Pending, entry: KeptAnswer): void {
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

/**
 * The key of a request whose answer may be kept: an anonymous `POST` with a parsed JSON body (the body parser and
 * the answer lane parse only `application/json`); undefined for any other request.
 */
export function keyOf(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  body: unknown,
): string | undefined {
  if (method !== 'POST' || headers.authorization !== undefined) return undefined;
  const { query, variables, operationName } = (body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body) || typeof query !== 'string') return undefined;
  return JSON.stringify([query, variables ?? null, operationName ?? null]);
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
