/**
 * Runs the scheduled jobs locally, as EventBridge Scheduler does in the cloud: same cron table
 * (shared/schedules.ts), same time zone. A failed run is logged and the schedule goes on; a job whose previous
 * run is still going is skipped for that tick rather than run twice at once.
 */
import { CronExpressionParser } from 'cron-parser';
import { toFiveFieldCron, type JobSchedule } from '../shared/schedules';

export interface SchedulerOptions {
  schedules: readonly JobSchedule[];
  timeZone: string;
  run: (name: string) => Promise<unknown>;
  log?: (line: string) => void;
}

export interface Scheduler {
  /** Cancels future runs and waits (up to 10 s) for runs in progress. */
  stop(): Promise<void>;
  next(): Array<{ name: string; at: Date }>;
}

/** The first run strictly after `from`. Exported for tests and the start banner. */
export function nextRun(cron: string, timeZone: string, from: Date = new Date()): Date {
  return CronExpressionParser.parse(toFiveFieldCron(cron), { tz: timeZone, currentDate: from }).next().toDate();
}

/** setTimeout overflows above 2^31-1 ms (~24.8 days); longer waits re-arm in steps. */
const MAX_DELAY = 2 ** 31 - 1;

export function startScheduler(opts: SchedulerOptions): Scheduler {
  const log = opts.log ?? ((line: string) => console.log(line));
  const timers = new Map<string, NodeJS.Timeout>();
  const nextAt = new Map<string, Date>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const arm = (s: JobSchedule, from: Date) => {
    if (stopped) return;
    const at = nextRun(s.cron, opts.timeZone, from);
    nextAt.set(s.name, at);
    const wait = () => {
      const delay = at.getTime() - Date.now();
      if (delay > 0) {
        // Also covers a timer that fires early or a wait longer than MAX_DELAY.
        // unref: the servers keep `npm start` alive; a forgotten scheduler must not hold a test process open.
        timers.set(s.name, setTimeout(wait, Math.min(delay, MAX_DELAY)).unref());
        return;
      }
      fire(s, at);
      // From the due time (not "now"), plus 1 ms so the same tick is never picked again.
      arm(s, new Date(Math.max(at.getTime(), Date.now()) + 1));
    };
    wait();
  };

  const fire = (s: JobSchedule, at: Date) => {
    if (running.has(s.name)) {
      log(`[jobs] ${s.name}: previous run still going, skipping the ${at.toISOString()} run`);
      return;
    }
    const startedAt = Date.now();
    log(`[jobs] ${s.name}: started (due ${at.toISOString()})`);
    const p = (async () => {
      try {
        await opts.run(s.name);
        log(`[jobs] ${s.name}: done in ${Date.now() - startedAt} ms`);
      } catch (err) {
        log(`[jobs] ${s.name}: failed after ${Date.now() - startedAt} ms: ${(err as Error)?.stack ?? String(err)}`);
      } finally {
        running.delete(s.name);
      }
    })();
    running.set(s.name, p);
  };

  const now = new Date();
  for (const s of opts.schedules) arm(s, now);

  return {
    next: () => opts.schedules.map((s) => ({ name: s.name, at: nextAt.get(s.name)! })).sort((a, b) => a.at.getTime() - b.at.getTime()),
    stop: async () => {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      if (running.size) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...running.values()]),
          new Promise((r) => (timer = setTimeout(r, 10_000))),
        ]);
        clearTimeout(timer);
      }
    },
  };
}
