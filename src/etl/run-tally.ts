import { messageOf } from '../errors';
import {
  type EtlRunProfileCount,
  type EtlRunSearch,
  EtlRunStatus,
  type SkipReasonCount,
} from '../models/etl-run.model';
import type { LoadResult } from './load';
import type { RunCounts } from './run-watch';

/** At most this many errors and warnings are kept on a run record; the rest are counted in a last line. */
export const MAX_MESSAGES = 50;

/** The counts of one run as it goes, and the status they add up to. Distinct announcements count once. */
export class RunTally {
  private pagesFetched = 0;
  private fetched = 0;
  private readonly kept = new Set<string>();
  private readonly skipped = new Map<string, string>();
  private anonymousSkips: string[] = [];
  /** Every control number USAJOBS returned this run, parseable or not: postings that still exist. */
  private readonly present = new Set<string>();
  private inserted = 0;
  private updated = 0;
  private unchanged = 0;
  private changed = 0;
  private withdrawn = 0;
  private readonly searches: EtlRunSearch[] = [];
  private profiles: EtlRunProfileCount[] = [];
  private readonly errors = new BoundedList();
  private readonly warnings = new BoundedList();
  private cancelled = false;

  page(items: number): void {
    this.pagesFetched += 1;
    this.fetched += items;
  }

  /** True when this announcement was already kept earlier in the run (another page or search). */
  isKept(id: string): boolean {
    return this.kept.has(id);
  }

  /** True when USAJOBS returned this control number in this run. */
  wasPresent(id: string): boolean {
    return this.present.has(id);
  }

  /** Kept (it fits a job seeker), even if an earlier search left it out. */
  keep(id: string): void {
    this.present.add(id);
    this.kept.add(id);
    this.skipped.delete(id);
  }

  /**
   * An announcement left out, with the first reason it was; one kept meanwhile stays kept. One without a readable
   * control number counts each time it comes.
   */
  skip(id: string | undefined, reason: string): void {
    if (id === undefined) {
      this.anonymousSkips.push(reason);
      return;
    }
    this.present.add(id);
    if (!this.kept.has(id) && !this.skipped.has(id)) this.skipped.set(id, reason);
  }

  loaded(result: LoadResult): void {
    this.inserted += result.inserted;
    this.updated += result.updated;
    this.unchanged += result.unchanged;
    this.changed += result.changed;
    for (const failure of result.failed) {
      this.errors.add(`load failed for job ${failure.id}: ${failure.error}`);
      // Not stored, so not kept: the next run sees it as new.
      this.kept.delete(failure.id);
    }
  }

  /** The end-of-run writes of profile matches and status (their jobs were counted when loaded, or skipped). */
  settled(result: LoadResult, withdrawn: number): void {
    this.changed += result.changed;
    this.withdrawn += withdrawn;
    for (const failure of result.failed)
      this.errors.add(`could not update job ${failure.id}: ${failure.error}`);
  }

  /** True once anything failed: such a run never withdraws anything. */
  hasErrors(): boolean {
    return this.errors.size > 0;
  }

  search(record: EtlRunSearch): void {
    this.searches.push(record);
  }

  profileCounts(records: EtlRunProfileCount[]): void {
    this.profiles = records;
  }

  warn(message: string): void {
    this.warnings.addOnce(message);
  }

  /**
   * @param search - its kind, e.g. `location`
   * @param error - why it stopped
   * @param query - which one, when several searches share a kind
   */
  searchFailed(search: string, error: unknown, query?: string): void {
    this.errors.add(`${search} search: ${messageOf(error)}${query ? ` (${query})` : ''}`);
  }

  fatal(error: unknown): void {
    this.errors.add(messageOf(error));
  }

  /** The run stopped on request: it ends CANCELLED whatever else happened, the reason among its warnings. */
  cancel(reason: string): void {
    this.cancelled = true;
    this.warnings.addOnce(reason);
  }

  /** The counts so far (those the run record's progress repeats). */
  progress(): RunCounts {
    return {
      pagesFetched: this.pagesFetched,
      fetched: this.fetched,
      kept: this.kept.size,
      skipped: this.skippedCount(),
      inserted: this.inserted,
      updated: this.updated,
      unchanged: this.unchanged,
    };
  }

  /**
   * The run record's fields: CANCELLED when it stopped on request; otherwise FAILED when an error stopped it before
   * anything was stored, PARTIAL after.
   */
  toRecord(durationMs: number) {
    const stored = this.inserted + this.updated + this.unchanged;
    const status = this.cancelled
      ? EtlRunStatus.CANCELLED
      : this.errors.size === 0
        ? EtlRunStatus.SUCCEEDED
        : stored > 0
          ? EtlRunStatus.PARTIAL
          : EtlRunStatus.FAILED;
    return {
      status,
      durationMs,
      ...this.progress(),
      withdrawn: this.withdrawn,
      changed: this.changed,
      profiles: this.profiles,
      searches: this.searches,
      errors: this.errors.toArray(),
      warnings: this.warnings.toArray(),
      skippedByReason: this.reasons(),
    };
  }

  private skippedCount(): number {
    return this.skipped.size + this.anonymousSkips.length;
  }

  private reasons(): SkipReasonCount[] {
    const byReason = new Map<string, number>();
    for (const reason of [...this.skipped.values(), ...this.anonymousSkips]) {
      byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    return [...byReason]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

class BoundedList {
  private readonly items: string[] = [];
  private dropped = 0;

  get size(): number {
    return this.items.length + this.dropped;
  }

  add(message: string): void {
    if (this.items.length < MAX_MESSAGES) this.items.push(message);
    else this.dropped += 1;
  }

  addOnce(message: string): void {
    if (!this.items.includes(message)) this.add(message);
  }

  toArray(): string[] {
    return this.dropped === 0 ? [...this.items] : [...this.items, `… and ${this.dropped} more`];
  }
}
