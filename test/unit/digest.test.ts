import { buildDigests, type Digest, type DigestRun } from '../../src/digest/digest';
import {
  changeText,
  type DigestPayload,
  digestPayload,
  escapeHtml,
  renderDigestEmail,
} from '../../src/digest/render';
import {
  deliverWithRetries,
  MIN_ATTEMPT_MS,
  PermanentDeliveryError,
  type RetryPolicy,
} from '../../src/digest/retry';
import { signatureOf } from '../../src/digest/webhook';
import { type TouchedJob, TouchedJobKind } from '../../src/etl/run-journal';
import { EtlRunStatus, EtlTrigger } from '../../src/models/etl-run.model';
import { JobChangeField } from '../../src/models/job.model';

const RUN: DigestRun = {
  _id: 'run-1',
  status: EtlRunStatus.SUCCEEDED,
  trigger: EtlTrigger.SCHEDULE,
  startedAt: new Date('2026-03-02T11:00:00Z'),
  finishedAt: new Date('2026-03-02T11:04:00Z'),
};
const CHICAGO = { id: 'p-chicago', name: 'data engineering near Chicago' };
const REMOTE = { id: 'p-remote', name: 'remote data science' };

function job(id: string, kind: TouchedJobKind, patch: Partial<TouchedJob> = {}): TouchedJob {
  return {
    id,
    kind,
    changes: [],
    profileIds: [CHICAGO.id],
    positionTitle: `Data Engineer ${id}`,
    organizationName: 'Internal Revenue Service',
    departmentName: 'Department of the Treasury',
    location: 'Chicago, Illinois',
    annualSalary: { min: 98_496, max: 128_043 },
    unpaid: false,
    // The end of 20 March, US Eastern.
    applicationCloseDate: new Date('2026-03-21T03:59:59Z'),
    positionUri: `https://www.usajobs.gov/job/${id}`,
    ...patch,
  };
}

function digestOf(jobs: TouchedJob[], listLimit = 100): Digest {
  const [digest] = buildDigests(RUN, jobs, [CHICAGO], listLimit);
  return digest!;
}

describe('buildDigests', () => {
  it('when jobs match two saved searches, then each saved search gets one digest of exactly its jobs, by kind', () => {
    const both = job('1', TouchedJobKind.CHANGED, { profileIds: [CHICAGO.id, REMOTE.id] });
    const chicagoOnly = job('2', TouchedJobKind.NEW);
    const remoteOnly = job('3', TouchedJobKind.WITHDRAWN, { profileIds: [REMOTE.id] });

    const digests = buildDigests(RUN, [both, chicagoOnly, remoteOnly], [CHICAGO, REMOTE], 100);

    expect(
      digests.map((d) => [
        d.profile.id,
        d.new.map((j) => j.id),
        d.changed.map((j) => j.id),
        d.withdrawn.map((j) => j.id),
      ]),
    ).toEqual([
      [CHICAGO.id, ['2'], ['1'], []],
      [REMOTE.id, [], ['1'], ['3']],
    ]);
    expect(digests.map((d) => d.deliveryId)).toEqual(['run-1.p-chicago', 'run-1.p-remote']);
  });

  it('when a saved search has no job the run touched, or a job matches no saved search given, then no digest is made for it', () => {
    expect(buildDigests(RUN, [job('1', TouchedJobKind.NEW)], [REMOTE], 100)).toEqual([]);
    expect(buildDigests(RUN, [], [CHICAGO, REMOTE], 100)).toEqual([]);
  });

  it('when there are more jobs than the list limit, then the soonest closing are listed and the counts stay complete', () => {
    const jobs = [
      job('late', TouchedJobKind.NEW, { applicationCloseDate: new Date('2026-05-01T00:00:00Z') }),
      job('none', TouchedJobKind.NEW, { applicationCloseDate: null }),
      job('soon', TouchedJobKind.NEW, { applicationCloseDate: new Date('2026-03-05T00:00:00Z') }),
    ];

    const digest = digestOf(jobs, 2);

    expect(digest.counts).toEqual({ new: 3, changed: 0, withdrawn: 0 });
    expect(digest.new.map((j) => j.id)).toEqual(['soon', 'late']);
  });
});

describe('renderDigestEmail', () => {
  const hostile = job('1', TouchedJobKind.NEW, {
    positionTitle: '<script>alert("x")</script> & Engineer',
    organizationName: "O'Hare <b>Agency</b>",
    location: 'Chicago <img src=x onerror=alert(1)>',
  });

  it('when USAJOBS text holds markup, then the HTML part escapes every piece of it and the text part keeps it as written', () => {
    const email = renderDigestEmail(digestOf([hostile]));

    expect(email.html).not.toMatch(/<script|<b>|<img/);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Engineer');
    expect(email.html).toContain('O&#39;Hare &lt;b&gt;Agency&lt;/b&gt;');
    expect(email.html).toContain('Chicago &lt;img src=x onerror=alert(1)&gt;');
    expect(email.text).toContain('<script>alert("x")</script> & Engineer - O\'Hare <b>Agency</b>');
  });

  it('when a saved search name holds markup or a line break, then the subject is one line and the HTML escapes it', () => {
    const [digest] = buildDigests(
      RUN,
      [job('1', TouchedJobKind.NEW)],
      [{ id: CHICAGO.id, name: "Bob's <i>search</i>\nBcc: x@example.com" }],
      10,
    );

    const email = renderDigestEmail(digest!);

    expect(email.subject).toBe("Job Tracker · Bob's <i>search</i> Bcc: x@example.com: 1 new");
    expect(email.html).toContain('Bob&#39;s &lt;i&gt;search&lt;/i&gt; Bcc: x@example.com');
    expect(email.html).not.toContain('<i>');
  });

  it('when a posting URL is not http(s), then its title is shown without a link', () => {
    const email = renderDigestEmail(
      digestOf([job('1', TouchedJobKind.NEW, { positionUri: 'javascript:alert(1)' })]),
    );

    expect(email.html).not.toContain('javascript:');
    expect(email.html).toContain('<strong>Data Engineer 1</strong>');
  });

  it('when jobs are new, changed and withdrawn, then the text part lists each section with where, pay, close date, link, and what changed from → to', () => {
    const changed = job('2', TouchedJobKind.CHANGED, {
      changes: [
        { at: RUN.startedAt, field: JobChangeField.PAY, from: '90000-120000', to: '99000-120000' },
        {
          at: RUN.startedAt,
          field: JobChangeField.CLOSE_DATE,
          from: '2026-03-21T03:59:59.000Z',
          to: '2026-04-01T03:59:59.000Z',
        },
      ],
    });
    const withdrawn = job('3', TouchedJobKind.WITHDRAWN, {
      annualSalary: null,
      location: null,
      applicationCloseDate: null,
    });

    const { text, subject } = renderDigestEmail(digestOf([job('1', TouchedJobKind.NEW), changed, withdrawn]));

    expect(subject).toBe('Job Tracker · data engineering near Chicago: 1 new, 1 changed, 1 withdrawn');
    expect(text).toBe(
      [
        'What the run of 2026-03-02 11:04 UTC (succeeded) found for the saved search "data engineering near Chicago".',
        '',
        'NEW (1)',
        '',
        '* Data Engineer 1 - Internal Revenue Service',
        '  Chicago, Illinois | $98,496-$128,043 a year | closes 2026-03-20',
        '  https://www.usajobs.gov/job/1',
        '',
        'CHANGED (1)',
        '',
        '* Data Engineer 2 - Internal Revenue Service',
        '  Chicago, Illinois | $98,496-$128,043 a year | closes 2026-03-20',
        '  pay: $90,000-$120,000 → $99,000-$120,000',
        '  close date: 2026-03-20 → 2026-03-31',
        '  https://www.usajobs.gov/job/2',
        '',
        'WITHDRAWN (1)',
        '',
        '* Data Engineer 3 - Internal Revenue Service',
        '  location not published | pay not published | no close date',
        '  https://www.usajobs.gov/job/3',
        '',
        'Run run-1; delivery run-1.p-chicago.',
        '',
      ].join('\n'),
    );
  });

  it('when a section is longer than the list, then both parts say how many more there are', () => {
    const jobs = ['1', '2', '3'].map((id) => job(id, TouchedJobKind.NEW));

    const email = renderDigestEmail(digestOf(jobs, 1));

    expect(email.text).toContain('NEW (3)');
    expect(email.text).toContain('... and 2 more');
    expect(email.html).toContain('&hellip; and 2 more');
  });
});

describe('changeText', () => {
  it.each([
    [JobChangeField.GRADES, 'GS-12', 'GS-12/13', 'grades: GS-12 → GS-12/13'],
    [JobChangeField.STATUS, 'OPEN', 'WITHDRAWN', 'status: OPEN → WITHDRAWN'],
    [JobChangeField.LOCATION_COUNT, '1', '3', 'number of locations: 1 → 3'],
    [JobChangeField.PAY, null, '50000-50000', 'pay: none → $50,000'],
    [JobChangeField.TITLE, 'Data\nEngineer', 'Data Engineer II', 'title: Data Engineer → Data Engineer II'],
  ])('when %s changes from %j to %j, then it reads %j', (field, from, to, expected) => {
    expect(changeText({ field, from, to })).toBe(expected);
  });
});

describe('digestPayload', () => {
  it('when serialised, then it carries the delivery id, run, saved search, complete counts and the jobs with what changed', () => {
    const changed = job('2', TouchedJobKind.CHANGED, {
      changes: [{ at: RUN.startedAt, field: JobChangeField.PAY, from: '90000-120000', to: '99000-120000' }],
    });

    const payload = JSON.parse(
      digestPayload(digestOf([job('1', TouchedJobKind.NEW), changed])),
    ) as DigestPayload;

    expect(payload).toEqual({
      deliveryId: 'run-1.p-chicago',
      run: {
        id: 'run-1',
        status: 'SUCCEEDED',
        trigger: 'SCHEDULE',
        startedAt: '2026-03-02T11:00:00.000Z',
        finishedAt: '2026-03-02T11:04:00.000Z',
      },
      savedSearch: CHICAGO,
      counts: { new: 1, changed: 1, withdrawn: 0 },
      new: [
        expect.objectContaining({ id: '1', title: 'Data Engineer 1', closeDate: '2026-03-21T03:59:59.000Z' }),
      ],
      changed: [
        {
          id: '2',
          title: 'Data Engineer 2',
          agency: 'Internal Revenue Service',
          department: 'Department of the Treasury',
          location: 'Chicago, Illinois',
          annualSalary: { min: 98_496, max: 128_043 },
          unpaid: false,
          closeDate: '2026-03-21T03:59:59.000Z',
          url: 'https://www.usajobs.gov/job/2',
          changes: [{ field: 'PAY', from: '90000-120000', to: '99000-120000' }],
        },
      ],
      withdrawn: [],
    });
  });
});

describe('escapeHtml and signatureOf', () => {
  it('when text holds the five special characters, then each becomes an entity', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('when a body is signed, then the header is sha256= and the HMAC-SHA256 hex of the body under the secret', () => {
    // RFC 4231 test case 2.
    expect(signatureOf('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('deliverWithRetries', () => {
  const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
    maxAttempts: 3,
    timeoutMs: 5_000,
    firstDelayMs: 1_000,
    sleep: async () => undefined,
    ...overrides,
  });

  it('when attempts fail and a later one succeeds, then it is delivered once, the pause doubling from the first delay', async () => {
    const pauses: number[] = [];
    let calls = 0;

    const outcome = await deliverWithRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('HTTP 503');
      },
      policy({ sleep: async (ms) => void pauses.push(ms) }),
    );

    expect(outcome).toEqual({ delivered: true, attempts: 3 });
    expect(calls).toBe(3);
    // ±20% jitter around 1 s, then 2 s.
    expect(pauses).toEqual([expect.any(Number), expect.any(Number)]);
    expect(pauses[0]).toBeGreaterThanOrEqual(800);
    expect(pauses[0]).toBeLessThanOrEqual(1_200);
    expect(pauses[1]).toBeGreaterThanOrEqual(1_600);
    expect(pauses[1]).toBeLessThanOrEqual(2_400);
  });

  it('when every attempt fails, then it gives up after the last one with the last reason', async () => {
    let calls = 0;

    const outcome = await deliverWithRetries(async (n) => {
      calls += 1;
      throw new Error(`failure ${n}`);
    }, policy());

    expect(outcome).toEqual({ delivered: false, attempts: 3, reason: 'failure 3' });
    expect(calls).toBe(3);
  });

  it('when a failure is permanent, then it is not retried', async () => {
    let calls = 0;

    const outcome = await deliverWithRetries(async () => {
      calls += 1;
      throw new PermanentDeliveryError('HTTP 404');
    }, policy());

    expect(outcome).toEqual({ delivered: false, attempts: 1, reason: 'HTTP 404' });
    expect(calls).toBe(1);
  });

  it('when an attempt never answers, then it counts as failed at its time limit, its signal is aborted, and the next attempt runs', async () => {
    const signals: AbortSignal[] = [];

    const outcome = await deliverWithRetries(
      (n, signal) => {
        signals.push(signal);
        return n === 1 ? new Promise<void>(() => undefined) : Promise.resolve();
      },
      policy({ timeoutMs: 20 }),
    );

    expect(outcome).toEqual({ delivered: true, attempts: 2 });
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
  });

  it('when the process shuts down, then no further attempt starts', async () => {
    const shutdown = new AbortController();
    let calls = 0;

    const outcome = await deliverWithRetries(
      async () => {
        calls += 1;
        shutdown.abort();
        throw new Error('connection refused');
      },
      policy({ signal: shutdown.signal }),
    );

    expect(outcome).toEqual({
      delivered: false,
      attempts: 1,
      reason: 'connection refused (stopped: shutting down)',
    });
    expect(calls).toBe(1);
  });

  it('when the deadline comes before the time limit of an attempt, then the attempt is cut off at the deadline and no pause or further attempt follows', async () => {
    const signals: AbortSignal[] = [];
    const pauses: number[] = [];

    const outcome = await deliverWithRetries(
      (_n, signal) => {
        signals.push(signal);
        return new Promise<void>(() => undefined);
      },
      policy({
        timeoutMs: 60_000,
        deadline: Date.now() + MIN_ATTEMPT_MS + 100,
        sleep: async (ms) => void pauses.push(ms),
      }),
    );

    expect(outcome).toEqual({
      delivered: false,
      attempts: 1,
      reason: expect.stringMatching(
        /^timed out after \d+ ms \(all the time left before the deadline\) \(stopped: no time left before the deadline\)$/,
      ),
    });
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(pauses).toEqual([]);
  });

  it('when the deadline leaves less than the least attempt, then nothing is attempted', async () => {
    let calls = 0;

    const outcome = await deliverWithRetries(
      async () => {
        calls += 1;
      },
      policy({ deadline: Date.now() + MIN_ATTEMPT_MS - 100 }),
    );

    expect(outcome).toEqual({
      delivered: false,
      attempts: 0,
      reason: 'no time left before the deadline',
    });
    expect(calls).toBe(0);
  });

  it('when the deadline is far, then it changes nothing: every attempt runs with its own time limit', async () => {
    let calls = 0;

    const outcome = await deliverWithRetries(
      async (n) => {
        calls += 1;
        throw new Error(`failure ${n}`);
      },
      policy({ deadline: Date.now() + 3_600_000 }),
    );

    expect(outcome).toEqual({ delivered: false, attempts: 3, reason: 'failure 3' });
    expect(calls).toBe(3);
  });
});
