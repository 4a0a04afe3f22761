export { claimDue, type ClaimDueOptions } from './claim.ts';
export { jitteredDelay, Scheduler, type ScheduledTask, type SchedulerOptions, type TaskStatus } from './scheduler.ts';
