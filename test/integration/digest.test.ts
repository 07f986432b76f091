import 'reflect-metadata';

import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

import { loadConfig } from '../../src/config';
import { createDigestSender } from '../../src/digest/digest-sender';
import type { DigestPayload } from '../../src/digest/render';
import { type AfterRun, runEtl as realRunEtl } from '../../src/etl/run-etl';
import { ErrorCode } from '../../src/graphql/errors';
import { deleteAllJobs } from '../../src/jobs/jobs.service';
import { EtlRunModel, EtlRunStatus } from '../../src/models/etl-run.model';
import { SearchProfileModel } from '../../src/models/search-profile.model';
import type { SearchResultItem } from '../../src/usajobs/usajobs.types';
import {
  CreateSearchProfileDocument,
  type CreateSearchProfileInput,
  RunEtlProfileDocument,
  SearchProfilesDocument,
  UpdateSearchProfileDocument,
} from '../generated/graphql';
import { useTestDatabase } from '../support/db';
import { createGraphqlTestServer, type GraphqlTestServer, TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { silentLogger } from '../support/logger';
import { openPosting } from '../support/posting-factory';
import { startUsajobsDouble, type UsajobsDouble } from '../support/usajobs-double';
import { doubleEtlOptions } from '../support/usajobs-test-client';

const ADMIN = `Bearer ${TEST_ADMIN_TOKEN}`;
const SECRET = 'digest-webhook-secret-0123456789';
const HOUSEHOLD = 'household@example.com';
const WELL_PAID_SEEKER = 'well-paid-seeker@example.org';

const CHICAGO: CreateSearchProfileInput = {
  name: 'data engineering near Chicago',
  keyword: 'data engineering',
  locationName: 'Chicago, Illinois',
  radiusMiles: 50,
  includeRemote: true,
  yearsOfExperience: 5,
  payPlans: [],
  jobCategoryCodes: [],
  organizationCodes: [],
  enabled: true,
};
/** The same search, fitting only postings whose pay reaches $130,000: the well-paid ones are in both. */
const WELL_PAID: CreateSearchProfileInput = {
  ...CHICAGO,
  name: 'well-paid data engineering near Chicago',
  minSalary: 130_000,
  digestTo: [WELL_PAID_SEEKER],
};

/** Control numbers: L… pay up to $100,000 (Chicago only), H… up to $150,000 (both saved searches). */
const L1 = '710001';
const L2 = '710002';
const L3 = '710003';
const H1 = '720001';
const H2 = '720002';
const H3 = '720003';
/** A title with everything HTML must escape. */
const TRICKY_TITLE = `Data <Platform> Engineer & "Ops" 'Lead'`;

function posting(id: string, pay: { min: number; max: number }): SearchResultItem {
  return openPosting(id, (d) => {
    d.PositionTitle = id === H3 ? TRICKY_TITLE : `Data Engineer ${id}`;
    d.PositionRemuneration = [
      {
        MinimumRange: String(pay.min),
        MaximumRange: String(pay.max),
        RateIntervalCode: 'PA',
        Description: 'Per Year',
      },
    ];
  });
}
const LOW = { min: 80_000, max: 100_000 };
const HIGH = { min: 120_000, max: 150_000 };
const INITIAL = [posting(L1, LOW), posting(L2, LOW), posting(H1, HIGH), posting(H2, HIGH)];
/** The second run's USAJOBS: L3 and H3 added, H1 re-priced, L2 and H2 gone. */
const CHANGED = [
  posting(L1, LOW),
  posting(L3, LOW),
  posting(H1, { min: 125_000, max: 150_000 }),
  posting(H3, HIGH),
];

interface Mail {
  envelopeTo: string[];
  parsed: ParsedMail;
}
interface WebhookDelivery {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  payload: DigestPayload;
}

/** The control numbers each section of an e-mail's text part lists (read off the posting URLs). */
function textSections(text: string): Record<string, string[]> {
  const sections: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const heading = /^(NEW|CHANGED|WITHDRAWN) \(\d+\)$/.exec(line);
    if (heading) {
      current = sections[heading[1]!] = [];
      continue;
    }
    const url = /^\s+https:\/\/www\.usajobs\.gov\/job\/(\d+)$/.exec(line);
    if (url) current?.push(url[1]!);
  }
  return Object.fromEntries(Object.entries(sections).map(([key, ids]) => [key, ids.sort()]));
}

function payloadSections(payload: DigestPayload): Record<string, string[]> {
  const ids = (jobs: { id: string }[]) => jobs.map((job) => job.id).sort();
  return { NEW: ids(payload.new), CHANGED: ids(payload.changed), WITHDRAWN: ids(payload.withdrawn) };
}

/** What a receiver does: HMAC-SHA256 of the raw body under the shared secret, compared in constant time. */
function signatureVerifies(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('digests of what changed, by e-mail and webhook', () => {
  useTestDatabase();
  let double: UsajobsDouble;
  let api: GraphqlTestServer;
  let smtp: SMTPServer;
  let smtpPort: number;
  let receiver: http.Server;
  let receiverUrl: string;
  const mails: Mail[] = [];
  /** Every request the webhook receiver got, and those it accepted. */
  const requests: WebhookDelivery[] = [];
  const deliveries: WebhookDelivery[] = [];
  /** The status the receiver answers the n-th request of a delivery id with (1-based). */
  let answer: (attempt: number) => number = () => 204;
  let afterRun: AfterRun | undefined;
  let chicagoId: string;
  let wellPaidId: string;

  function useDigests(overrides: Record<string, string> = {}): void {
    const config = loadConfig({
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      DIGEST_TO: HOUSEHOLD,
      DIGEST_FROM: 'Job Tracker <tracker@example.com>',
      DIGEST_WEBHOOK_URL: `${receiverUrl}/digest`,
      DIGEST_WEBHOOK_SECRET: SECRET,
      DIGEST_TIMEOUT_MS: '5000',
      ...overrides,
    });
    // Retries without waiting: the number of attempts is what is tested, not their spacing.
    afterRun = createDigestSender(config, silentLogger(), { sleep: async () => undefined });
  }

  async function runAll() {
    const { data, errors } = await api.execute(RunEtlProfileDocument, {}, { authorization: ADMIN });
    expect(errors).toBeUndefined();
    return data!.runEtl;
  }

  /** A first run over INITIAL, its digests set aside. */
  async function seed(): Promise<void> {
    double.setItems(INITIAL);
    const run = await runAll();
    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: INITIAL.length });
    mails.length = 0;
    requests.length = 0;
    deliveries.length = 0;
  }

  const mailTo = (address: string): Mail[] => mails.filter((mail) => mail.envelopeTo.includes(address));
  const webhookFor = (profileId: string): WebhookDelivery[] =>
    deliveries.filter((delivery) => delivery.payload.savedSearch.id === profileId);

  beforeAll(async () => {
    double = await startUsajobsDouble({ items: INITIAL });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            mails.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    const seen = new Map<string, number>();
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const payload = JSON.parse(raw.toString('utf8')) as DigestPayload;
        const attempt = (seen.get(payload.deliveryId) ?? 0) + 1;
        seen.set(payload.deliveryId, attempt);
        res.statusCode = answer(attempt);
        requests.push({ headers: req.headers, raw, payload });
        if (res.statusCode < 300) deliveries.push({ headers: req.headers, raw, payload });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    api = await createGraphqlTestServer({
      runEtl: (request) =>
        realRunEtl(request, {
          ...doubleEtlOptions(double, { client: { maxAttempts: 1, sleep: async () => undefined } }),
          afterRun,
        }),
    });
    await SearchProfileModel.deleteMany({});
    for (const input of [CHICAGO, WELL_PAID]) {
      const { data, errors } = await api.execute(
        CreateSearchProfileDocument,
        { input },
        { authorization: ADMIN },
      );
      expect(errors).toBeUndefined();
      if (input === CHICAGO) chicagoId = data!.createSearchProfile.id;
      else wellPaidId = data!.createSearchProfile.id;
    }
  });

  beforeEach(async () => {
    await deleteAllJobs();
    await EtlRunModel.deleteMany({});
    mails.length = 0;
    requests.length = 0;
    deliveries.length = 0;
    answer = () => 204;
    useDigests();
  });

  afterAll(async () => {
    await api?.server.stop();
    await double?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('when a first run stores postings, then each saved search gets one digest of its new jobs, by e-mail to its recipients and to the webhook', async () => {
    double.setItems(INITIAL);
    const run = await runAll();

    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: 4, warnings: [] });
    // DIGEST_TO gets the Chicago saved search's; the well-paid one names its own recipient.
    expect(mails).toHaveLength(2);
    expect(textSections(mailTo(HOUSEHOLD)[0]!.parsed.text!)).toEqual({ NEW: [L1, L2, H1, H2].sort() });
    expect(textSections(mailTo(WELL_PAID_SEEKER)[0]!.parsed.text!)).toEqual({ NEW: [H1, H2] });
    expect(deliveries).toHaveLength(2);
    expect(webhookFor(chicagoId)[0]!.payload.counts).toEqual({ new: 4, changed: 0, withdrawn: 0 });
    expect(payloadSections(webhookFor(wellPaidId)[0]!.payload)).toEqual({
      NEW: [H1, H2],
      CHANGED: [],
      WITHDRAWN: [],
    });
  });

  it('when postings are added, re-priced and removed, then each digest holds exactly the jobs the run inserted, changed and withdrew, delivered once per channel', async () => {
    await seed();
    double.setItems(CHANGED);

    const run = await runAll();

    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: 2, withdrawn: 2, warnings: [] });
    const chicago = { NEW: [L3, H3], CHANGED: [H1], WITHDRAWN: [L2, H2] };
    const wellPaid = { NEW: [H3], CHANGED: [H1], WITHDRAWN: [H2] };
    // Once each: one message per saved search, one webhook delivery per saved search.
    expect(mails).toHaveLength(2);
    expect(mailTo(HOUSEHOLD)).toHaveLength(1);
    expect(mailTo(WELL_PAID_SEEKER)).toHaveLength(1);
    expect(deliveries).toHaveLength(2);
    expect(textSections(mailTo(HOUSEHOLD)[0]!.parsed.text!)).toEqual(chicago);
    expect(textSections(mailTo(WELL_PAID_SEEKER)[0]!.parsed.text!)).toEqual(wellPaid);
    const chicagoHook = webhookFor(chicagoId)[0]!;
    const wellPaidHook = webhookFor(wellPaidId)[0]!;
    expect(payloadSections(chicagoHook.payload)).toEqual(chicago);
    expect(payloadSections(wellPaidHook.payload)).toEqual(wellPaid);
    expect(chicagoHook.payload.counts).toEqual({ new: 2, changed: 1, withdrawn: 2 });

    // What changed, from → to, in the JSON and in both parts of the e-mail.
    expect(chicagoHook.payload.changed[0]!.changes).toEqual([
      { field: 'PAY', from: '120000-150000', to: '125000-150000' },
    ]);
    const mail = mailTo(WELL_PAID_SEEKER)[0]!.parsed;
    expect(mail.text).toContain('pay: $120,000-$150,000 → $125,000-$150,000');
    expect(mail.html).toContain('pay: $120,000-$150,000 → $125,000-$150,000');
    expect(mail.subject).toBe(
      'Job Tracker · well-paid data engineering near Chicago: 1 new, 1 changed, 1 withdrawn',
    );

    // The webhook's signature verifies against the raw body, and would not for another body.
    for (const delivery of deliveries) {
      expect(delivery.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(delivery.headers['x-job-tracker-delivery']).toBe(delivery.payload.deliveryId);
      expect(signatureVerifies(delivery.raw, delivery.headers['x-job-tracker-signature'], SECRET)).toBe(true);
      expect(
        signatureVerifies(
          Buffer.from(`${delivery.raw.toString()} `),
          delivery.headers['x-job-tracker-signature'],
          SECRET,
        ),
      ).toBe(false);
      expect(delivery.payload.run).toMatchObject({ id: run.id, status: 'SUCCEEDED' });
    }
    expect(chicagoHook.payload.deliveryId).toBe(`${run.id}.${chicagoId}`);

    // USAJOBS text is escaped in HTML, and kept as it is in the text part and the JSON.
    expect(mail.html).toContain('Data &lt;Platform&gt; Engineer &amp; &quot;Ops&quot; &#39;Lead&#39;');
    expect(mail.html).not.toContain('<Platform>');
    expect(mail.text).toContain(TRICKY_TITLE);
    expect(wellPaidHook.payload.new[0]).toMatchObject({
      id: H3,
      title: TRICKY_TITLE,
      annualSalary: { min: 120_000, max: 150_000 },
      url: `https://www.usajobs.gov/job/${H3}`,
    });
  });

  it('when a run changes nothing, then nothing is sent', async () => {
    await seed();

    const run = await runAll();

    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: 0, changed: 0, withdrawn: 0, warnings: [] });
    expect(mails).toEqual([]);
    expect(deliveries).toEqual([]);
  });

  it('when the webhook fails once, then the retry delivers each digest once, with the same delivery id, body and signature', async () => {
    await seed();
    double.setItems(CHANGED);
    answer = (attempt) => (attempt === 1 ? 503 : 204);

    const run = await runAll();

    expect(run).toMatchObject({ status: 'SUCCEEDED', warnings: [] });
    expect(deliveries).toHaveLength(2);
    for (const accepted of deliveries) {
      const tries = requests.filter((r) => r.payload.deliveryId === accepted.payload.deliveryId);
      expect(tries.map((t) => t.headers['x-job-tracker-attempt'])).toEqual(['1', '2']);
      expect(tries[0]!.raw.equals(tries[1]!.raw)).toBe(true);
      expect(tries[0]!.headers['x-job-tracker-signature']).toBe(tries[1]!.headers['x-job-tracker-signature']);
    }
    expect(mails).toHaveLength(2);
  });

  it('when the webhook receiver is down (a closed loopback port), then the run SUCCEEDED with a warning per digest, and the e-mails still went', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await seed();
    double.setItems(CHANGED);
    useDigests({ DIGEST_WEBHOOK_URL: `http://127.0.0.1:${port}/digest`, DIGEST_MAX_ATTEMPTS: '3' });

    const run = await runAll();

    expect(run.status).toBe('SUCCEEDED');
    expect(run.warnings).toEqual(
      [CHICAGO.name, WELL_PAID.name].map((name) =>
        expect.stringMatching(
          new RegExp(
            `^digest of saved search "${name}" not delivered by webhook after 3 attempts: webhook unreachable: .*ECONNREFUSED`,
          ),
        ),
      ),
    );
    const stored = await EtlRunModel.findById(run.id).lean();
    expect(stored).toMatchObject({ status: EtlRunStatus.SUCCEEDED, warnings: run.warnings });
    expect(mails).toHaveLength(2);
  });

  it('when the webhook refuses a delivery for good (HTTP 400), then it is not retried, and the run warns', async () => {
    await seed();
    double.setItems(CHANGED);
    answer = () => 400;

    const run = await runAll();

    expect(run.status).toBe('SUCCEEDED');
    expect(requests).toHaveLength(2);
    expect(run.warnings).toHaveLength(2);
    expect(run.warnings[0]).toMatch(/not delivered by webhook after 1 attempt: webhook answered HTTP 400$/);
  });

  it('when a saved search names digest recipients, then only the admin reads them, and a malformed address is BAD_USER_INPUT', async () => {
    const publicView = await api.execute(SearchProfilesDocument, {});
    expect(publicView.errors).toBeUndefined();
    expect(publicView.data!.searchProfiles.map((p) => p.digestTo)).toEqual([null, null]);
    const adminView = await api.execute(SearchProfilesDocument, {}, { authorization: ADMIN });
    expect(adminView.data!.searchProfiles.find((p) => p.id === wellPaidId)!.digestTo).toEqual([
      WELL_PAID_SEEKER,
    ]);
    expect(adminView.data!.searchProfiles.find((p) => p.id === chicagoId)!.digestTo).toEqual([]);

    const bad = await api.execute(
      UpdateSearchProfileDocument,
      { id: chicagoId, input: { digestTo: ['not-an-address'] } },
      { authorization: ADMIN },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(bad.errors?.[0]?.message).toMatch(/digestTo/);
    expect((await SearchProfileModel.findById(chicagoId).lean())!.digestTo).toEqual([]);
  });
});
