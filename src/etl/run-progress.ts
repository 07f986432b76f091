import type { EtlRunProgress } from '../models/etl-run.model';
import type { EtlProgress } from './run-etl';

/**
 * The progress one page event stands for. Pure.
 *
 * A search is done once nothing is ahead of it (its last slice's last planned page, `stopAfter` when maxPages cuts
 * it short). The pages expected are a lower bound of what the run reads: the pages read, what the current search
 * still plans (slices split off count one page each until they begin), and one page for each search not begun.
 * Both rise page by page while the run reads what it announced: slices found by splitting and searches that begin
 * add to the pages expected, never take from them, and the pages fetched never pass them.
 *
 * Its own module, free of I/O, so that the CLI's progress line shows the record's figures without loading the models.
 *
 * @param event - what the run reported after a page
 * @param at - the time the progress is stamped with
 * @returns the record's `progress` after that page
 */
export function progressOf(event: EtlProgress, at: Date): EtlRunProgress {
  const searchesAfter = Math.max(0, event.searches - event.searchNumber);
  return {
    searchesDone: event.searchNumber - 1 + (event.pagesAhead === 0 ? 1 : 0),
    searchesTotal: event.searches,
    pagesExpected: event.pagesFetched + event.pagesAhead + searchesAfter,
    pagesFetched: event.pagesFetched,
    fetched: event.fetched,
    kept: event.kept,
    skipped: event.skipped,
    inserted: event.inserted,
    updated: event.updated,
    unchanged: event.unchanged,
    updatedAt: at,
  };
}
