import type { TouchedJob } from '../etl/run-journal';
import { type JobChange, JobChangeField } from '../models/job.model';
import type { Digest } from './digest';

/*
 * How a digest reads: an e-mail (subject, text and HTML parts) and the webhook's JSON. Pure. Everything that comes
 * from USAJOBS or a saved search is escaped in HTML, and a link is made only of an http(s) URL.
 */

/** The e-mail of one digest. */
export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

/** One job in the webhook's JSON. */
export interface DigestPayloadJob {
  /** USAJOBS control number (Job.id). */
  id: string;
  title: string;
  agency: string | null;
  department: string | null;
  location: string | null;
  /** US dollars a year; null when not published or not annualizable. */
  annualSalary: { min: number; max: number } | null;
  unpaid: boolean;
  /** ISO 8601. */
  closeDate: string | null;
  /** The posting on usajobs.gov. */
  url: string;
}

/** The webhook's JSON: what one run inserted, changed and withdrew among one saved search's jobs. */
export interface DigestPayload {
  /** Identical on every attempt: receivers drop a delivery id they have already seen. */
  deliveryId: string;
  run: { id: string; status: string; trigger: string; startedAt: string; finishedAt: string | null };
  savedSearch: { id: string; name: string };
  /** Complete counts; the lists hold at most DIGEST_LIST_LIMIT jobs each, soonest close date first. */
  counts: { new: number; changed: number; withdrawn: number };
  new: DigestPayloadJob[];
  changed: (DigestPayloadJob & {
    changes: { field: JobChangeField; from: string | null; to: string | null }[];
  })[];
  withdrawn: DigestPayloadJob[];
}

const FIELD_NAMES: Record<JobChangeField, string> = {
  [JobChangeField.PAY]: 'pay',
  [JobChangeField.CLOSE_DATE]: 'close date',
  [JobChangeField.GRADES]: 'grades',
  [JobChangeField.TITLE]: 'title',
  [JobChangeField.LOCATION_COUNT]: 'number of locations',
  [JobChangeField.STATUS]: 'status',
};

/** Close dates are the end of a day, US Eastern (USAJOBS' zone): that day is the one to show. */
const EASTERN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

/**
 * The webhook body of a digest.
 *
 * @returns the JSON text (what is signed and sent, byte for byte)
 */
export function digestPayload(digest: Digest): string {
  const payload: DigestPayload = {
    deliveryId: digest.deliveryId,
    run: {
      id: digest.run._id,
      status: digest.run.status,
      trigger: digest.run.trigger,
      startedAt: new Date(digest.run.startedAt).toISOString(),
      finishedAt: digest.run.finishedAt ? new Date(digest.run.finishedAt).toISOString() : null,
    },
    savedSearch: { id: digest.profile.id, name: digest.profile.name },
    counts: { ...digest.counts },
    new: digest.new.map(payloadJob),
    changed: digest.changed.map((job) => ({
      ...payloadJob(job),
      changes: job.changes.map(({ field, from, to }) => ({ field, from: from ?? null, to: to ?? null })),
    })),
    withdrawn: digest.withdrawn.map(payloadJob),
  };
  return JSON.stringify(payload);
}

function payloadJob(job: TouchedJob): DigestPayloadJob {
  return {
    id: job.id,
    title: job.positionTitle,
    agency: job.organizationName,
    department: job.departmentName,
    location: job.location,
    annualSalary: job.annualSalary,
    unpaid: job.unpaid,
    closeDate: job.applicationCloseDate ? job.applicationCloseDate.toISOString() : null,
    url: job.positionUri,
  };
}

/**
 * The e-mail of a digest: a subject, a plain-text part and an HTML part saying the same.
 *
 * @param digest - one saved search's digest
 */
export function renderDigestEmail(digest: Digest): DigestEmail {
  return { subject: subjectOf(digest), text: textOf(digest), html: htmlOf(digest) };
}

/** E.g. `data engineering near Chicago: 3 new, 1 changed, 2 withdrawn`, on one line. */
function subjectOf(digest: Digest): string {
  const { counts } = digest;
  const parts = [
    counts.new > 0 ? `${counts.new} new` : '',
    counts.changed > 0 ? `${counts.changed} changed` : '',
    counts.withdrawn > 0 ? `${counts.withdrawn} withdrawn` : '',
  ].filter((part) => part !== '');
  return oneLine(`Job Tracker · ${digest.profile.name}: ${parts.join(', ')}`);
}

interface Section {
  title: string;
  count: number;
  jobs: TouchedJob[];
  withChanges: boolean;
}

function sectionsOf(digest: Digest): Section[] {
  return [
    { title: 'New', count: digest.counts.new, jobs: digest.new, withChanges: false },
    { title: 'Changed', count: digest.counts.changed, jobs: digest.changed, withChanges: true },
    { title: 'Withdrawn', count: digest.counts.withdrawn, jobs: digest.withdrawn, withChanges: false },
  ].filter((section) => section.count > 0);
}

function introOf(digest: Digest): string {
  const finished = digest.run.finishedAt ?? digest.run.startedAt;
  return (
    `What the run of ${new Date(finished).toISOString().slice(0, 16).replace('T', ' ')} UTC ` +
    `(${digest.run.status.toLowerCase()}) found for the saved search "${oneLine(digest.profile.name)}".`
  );
}

function textOf(digest: Digest): string {
  const lines = [introOf(digest), ''];
  for (const section of sectionsOf(digest)) {
    lines.push(`${section.title.toUpperCase()} (${section.count})`, '');
    for (const job of section.jobs) {
      lines.push(
        `* ${oneLine(job.positionTitle)}${job.organizationName ? ` - ${oneLine(job.organizationName)}` : ''}`,
      );
      lines.push(`  ${factsOf(job).map(oneLine).join(' | ')}`);
      if (section.withChanges) {
        for (const change of job.changes) lines.push(`  ${changeText(change)}`);
      }
      lines.push(`  ${oneLine(job.positionUri)}`, '');
    }
    const more = section.count - section.jobs.length;
    if (more > 0) lines.push(`... and ${more} more`, '');
  }
  lines.push(`Run ${digest.run._id}; delivery ${digest.deliveryId}.`);
  return `${lines.join('\n')}\n`;
}

function htmlOf(digest: Digest): string {
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subjectOf(digest))}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.4; color: #1b1b1b;">',
    `<p>${escapeHtml(introOf(digest))}</p>`,
  ];
  for (const section of sectionsOf(digest)) {
    parts.push(`<h2 style="font-size: 1.15em;">${section.title} (${section.count})</h2>`, '<ul>');
    for (const job of section.jobs) {
      const agency = job.organizationName ? ` &middot; ${escapeHtml(job.organizationName)}` : '';
      parts.push(
        `<li style="margin-bottom: 0.8em;"><strong>${linkTo(job.positionUri, job.positionTitle)}</strong>${agency}`,
        `<br>${factsOf(job).map(escapeHtml).join(' &middot; ')}`,
      );
      if (section.withChanges && job.changes.length > 0) {
        parts.push(
          `<ul>${job.changes.map((change) => `<li>${escapeHtml(changeText(change))}</li>`).join('')}</ul>`,
        );
      }
      parts.push('</li>');
    }
    parts.push('</ul>');
    const more = section.count - section.jobs.length;
    if (more > 0) parts.push(`<p>&hellip; and ${more} more</p>`);
  }
  parts.push(
    `<p style="color: #565c65; font-size: 0.85em;">Run ${escapeHtml(digest.run._id)}; delivery ${escapeHtml(digest.deliveryId)}.</p>`,
    '</body></html>',
  );
  return `${parts.join('\n')}\n`;
}

/** Where, what it pays, when it closes. */
function factsOf(job: TouchedJob): string[] {
  return [
    job.location ?? 'location not published',
    job.unpaid
      ? 'unpaid'
      : job.annualSalary
        ? `${payRange(job.annualSalary.min, job.annualSalary.max)} a year`
        : 'pay not published',
    job.applicationCloseDate ? `closes ${EASTERN_DAY.format(job.applicationCloseDate)}` : 'no close date',
  ];
}

/** E.g. `pay: $90,000-$120,000 → $99,000-$120,000`. */
export function changeText(change: Pick<JobChange, 'field' | 'from' | 'to'>): string {
  const value = (text: string | null | undefined): string => readable(change.field, text ?? null);
  return oneLine(`${FIELD_NAMES[change.field] ?? change.field}: ${value(change.from)} → ${value(change.to)}`);
}

/** A recorded value as a person reads it (see JobChangeField for how each is recorded). */
function readable(field: JobChangeField, text: string | null): string {
  if (text === null) return 'none';
  if (field === JobChangeField.PAY) {
    const match = /^(-?[\d.]+)-(-?[\d.]+)$/.exec(text);
    return match ? payRange(Number(match[1]), Number(match[2])) : text;
  }
  if (field === JobChangeField.CLOSE_DATE) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? text : EASTERN_DAY.format(date);
  }
  return text;
}

function payRange(min: number, max: number): string {
  return min === max ? DOLLARS.format(min) : `${DOLLARS.format(min)}-${DOLLARS.format(max)}`;
}

/** A link when the URL is http(s); the text alone otherwise (never a javascript: or data: link). */
function linkTo(url: string, text: string): string {
  let safe = false;
  try {
    const protocol = new URL(url).protocol;
    safe = protocol === 'https:' || protocol === 'http:';
  } catch {
    safe = false;
  }
  return safe ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/**
 * Escapes text for HTML content and quoted attribute values.
 *
 * @returns the text with `& < > " '` as entities
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Line breaks and runs of white space as one space: a value from USAJOBS never breaks a line or a header. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
