import { addressOf, type Config, DEFAULTS } from '../config';
import { messageOf } from '../errors';
import type { AfterRun, FinishedRun } from '../etl/run-etl';
import type { Logger } from '../logger';
import { type SearchProfile, SearchProfileModel } from '../models/search-profile.model';
import { buildDigests, type Digest } from './digest';
import { createEmailSender, type EmailSender } from './email';
import { digestPayload, renderDigestEmail } from './render';
import { deliverWithRetries, type RetryPolicy } from './retry';
import { postDigest } from './webhook';

/** The configuration the digests read. */
export type DigestConfig = Pick<
  Config,
  | 'SMTP_URL'
  | 'DIGEST_TO'
  | 'DIGEST_FROM'
  | 'DIGEST_WEBHOOK_URL'
  | 'DIGEST_WEBHOOK_SECRET'
  | 'DIGEST_MAX_ATTEMPTS'
  | 'DIGEST_TIMEOUT_MS'
  | 'DIGEST_LIST_LIMIT'
>;

/** What tests (and only they) change of the digest sender. */
export interface DigestSenderOptions {
  /** Pause before the second attempt (doubled after); default {@link DEFAULTS.digestRetryDelayMs}. */
  retryDelayMs?: number;
  /** How pauses are waited; default a timer that a shutdown cuts short. */
  sleep?: RetryPolicy['sleep'];
  /** The SMTP sender; default nodemailer on SMTP_URL. */
  email?: EmailSender;
}

/**
 * The digests' hook: an {@link AfterRun} that also takes a deadline (epoch ms) by which it returns, whatever the
 * configured attempts and time limits would allow; a delivery cut off there becomes a warning like any other.
 */
export type DigestHook = (
  finished: FinishedRun,
  signal?: AbortSignal,
  deadline?: number,
) => ReturnType<AfterRun>;

/** One message of one digest on one channel. */
interface Delivery {
  channel: 'e-mail' | 'webhook';
  digest: Digest;
  attempt: (number: number, signal: AbortSignal) => Promise<void>;
}

/**
 * The digests of what changed, as the hook a run calls when it is done ({@link AfterRun}): one digest per saved
 * search the run inserted, changed or withdrew a job of, by e-mail (SMTP_URL; to the saved search's digestTo, else
 * DIGEST_TO) and/or to the webhook (DIGEST_WEBHOOK_URL, signed). A saved search gets one when it is enabled, or
 * when the run was over it. Nothing is sent when nothing changed.
 *
 * Every delivery (one saved search, one channel) runs at once and is retried on its own, so the hook lasts at most
 * DIGEST_MAX_ATTEMPTS × DIGEST_TIMEOUT_MS plus the pauses between attempts (1 s, 2 s, … by default): 33 s with
 * the defaults, and never past the hook's deadline when it is given one. A delivery that still fails becomes a
 * warning on the run record; the run's status never changes. At most once per message: a digest lives in the memory of the process that ran the run, and only a failed
 * attempt is repeated, under the same delivery id (webhook body and header) and Message-ID (e-mail), which is how
 * a receiver drops the copy an attempt that timed out after all may have left.
 *
 * @param config - the digest variables
 * @param logger - where deliveries are logged
 * @param options - test seams
 * @returns the hook, or undefined when neither SMTP_URL nor DIGEST_WEBHOOK_URL is set
 */
export function createDigestSender(
  config: DigestConfig,
  logger: Logger,
  options: DigestSenderOptions = {},
): DigestHook | undefined {
  const email =
    options.email ??
    (config.SMTP_URL
      ? createEmailSender(config.SMTP_URL, config.DIGEST_FROM, config.DIGEST_TIMEOUT_MS)
      : undefined);
  const webhook =
    config.DIGEST_WEBHOOK_URL && config.DIGEST_WEBHOOK_SECRET
      ? { url: config.DIGEST_WEBHOOK_URL, secret: config.DIGEST_WEBHOOK_SECRET }
      : undefined;
  if (!email && !webhook) return undefined;
  const messageIdDomain = addressOf(config.DIGEST_FROM)?.split('@')[1] ?? 'job-tracker.invalid';

  /** The messages of one digest: one per channel that has somewhere to send it. */
  const deliveriesOf = (digest: Digest, profile: SearchProfile): Delivery[] => {
    const deliveries: Delivery[] = [];
    const to = profile.digestTo?.length ? profile.digestTo : config.DIGEST_TO;
    if (email && to.length > 0) {
      const message = {
        ...renderDigestEmail(digest),
        to,
        messageId: `<${digest.deliveryId}@${messageIdDomain}>`,
      };
      deliveries.push({ channel: 'e-mail', digest, attempt: () => email.send(message) });
    }
    if (webhook) {
      const body = digestPayload(digest);
      deliveries.push({
        channel: 'webhook',
        digest,
        attempt: (attempt, signal) =>
          postDigest(webhook, { body, deliveryId: digest.deliveryId, attempt, signal }),
      });
    }
    return deliveries;
  };

  return async ({ run, jobs }, signal, deadline) => {
    const log = logger.child({ runId: run._id });
    let profiles: SearchProfile[];
    try {
      profiles = await digestProfiles(run, jobs);
    } catch (error) {
      log.error({ err: error }, 'digests not sent: could not read the saved searches');
      return [`digests not sent: could not read the saved searches: ${messageOf(error)}`];
    }
    const byId = new Map(profiles.map((profile) => [profile._id, profile]));
    const digests = buildDigests(
      run,
      jobs,
      profiles.map((profile) => ({ id: profile._id, name: profile.name })),
      config.DIGEST_LIST_LIMIT,
    );
    const deliveries = digests.flatMap((digest) => deliveriesOf(digest, byId.get(digest.profile.id)!));
    const policy: RetryPolicy = {
      maxAttempts: config.DIGEST_MAX_ATTEMPTS,
      timeoutMs: config.DIGEST_TIMEOUT_MS,
      firstDelayMs: options.retryDelayMs ?? DEFAULTS.digestRetryDelayMs,
      sleep: options.sleep,
      signal,
      deadline,
    };
    const outcomes = await Promise.all(
      deliveries.map(async (delivery) => ({
        delivery,
        outcome: await deliverWithRetries(delivery.attempt, policy),
      })),
    );
    const warnings: string[] = [];
    for (const { delivery, outcome } of outcomes) {
      const { digest, channel } = delivery;
      const context = {
        profileId: digest.profile.id,
        channel,
        deliveryId: digest.deliveryId,
        attempts: outcome.attempts,
        counts: digest.counts,
      };
      if (outcome.delivered) {
        log.info(context, 'digest delivered');
        continue;
      }
      log.warn({ ...context, reason: outcome.reason }, 'digest not delivered');
      warnings.push(
        `digest of saved search ${JSON.stringify(digest.profile.name)} not delivered by ${channel} after ` +
          `${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}: ${outcome.reason}`,
      );
    }
    return warnings;
  };
}

/**
 * The saved searches that get a digest of this run: those its jobs match that are enabled or that the run was over
 * (a disabled saved search is paused, unless someone ran it). One read of a small collection.
 */
async function digestProfiles(run: FinishedRun['run'], jobs: FinishedRun['jobs']): Promise<SearchProfile[]> {
  const ids = [...new Set(jobs.flatMap((job) => job.profileIds))];
  if (ids.length === 0) return [];
  const ranOver = new Set(run.profiles.map((profile) => profile.profileId));
  const found = await SearchProfileModel.find({ _id: { $in: ids } })
    .sort({ name: 1, _id: 1 })
    .lean<SearchProfile[]>();
  return found.filter((profile) => profile.enabled || ranOver.has(profile._id));
}
