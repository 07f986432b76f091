/* How the dashboard writes amounts, dates and grades. Pure: no DOM. */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');
const day = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const instant = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** e.g. $120,000 */
export function formatUsd(amount: number | null | undefined): string {
  return amount == null ? '—' : usd.format(amount);
}

/** e.g. $100,000 – $150,000 a year; "Not published" without an annual salary. */
export function formatPayRange(range: { min: number; max: number } | null | undefined): string {
  if (!range) return 'Not published';
  return range.min === range.max ? formatUsd(range.min) : `${formatUsd(range.min)} – ${formatUsd(range.max)}`;
}

/** $120k: short enough for a chart axis. */
export function formatUsdShort(amount: number): string {
  if (amount >= 1_000_000) return `$${trim(amount / 1_000_000)}M`;
  if (amount >= 1_000) return `$${trim(amount / 1_000)}k`;
  return `$${Math.round(amount)}`;
}

function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}

export function formatCount(n: number): string {
  return count.format(n);
}

/** A calendar day (UTC, as USAJOBS dates are days): e.g. Nov 30, 2026. */
export function formatDay(iso: string | null | undefined): string {
  return iso ? day.format(new Date(iso)) : '—';
}

/** An instant in the reader's time zone: e.g. Nov 30, 2026, 2:05 PM. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? instant.format(new Date(iso)) : '—';
}

/** e.g. 1 min 5 s; 850 ms */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1_000) return `${ms} ms`;
  const s = Math.round(ms / 1_000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** e.g. GS-12 to 13; GS-12; — */
export function formatGrades(job: {
  payPlan?: string | null;
  lowGrade?: number | null;
  highGrade?: number | null;
}): string {
  const plan = job.payPlan ? `${job.payPlan}-` : '';
  const { lowGrade: low, highGrade: high } = job;
  if (low == null && high == null) return job.payPlan ?? '—';
  if (low == null || high == null || low === high) return `${plan}${low ?? high}`;
  return `${plan}${low} to ${high}`;
}
