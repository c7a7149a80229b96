export { cancelJobs, type JobSelector } from "./cancel-jobs.ts";
export { type Clock, systemClock, type TestClock, testClock } from "./clock.ts";
export { DEFAULT_MAX_ATTEMPTS, enqueue, type NewJob } from "./enqueue.ts";
export {
  type ExternalHandler,
  type Job,
  type JobHandler,
  type JobStatus,
  PermanentJobError,
  stableJobKey,
  type TransactionalHandler,
} from "./job.ts";
export { purgeJobs } from "./purge-jobs.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay } from "./retry-delay.ts";
export { type JobOutcome, runJob } from "./run-job.ts";
export {
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  isRetriableStatus,
  type WebhookOptions,
  type WebhookPayload,
  webhookHandler,
} from "./webhook.ts";
export { createWorker, type JobWorker, startWorker, type WorkerOptions } from "./worker.ts";
