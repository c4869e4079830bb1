/**
 * `npm run job -- NAME [--date YYYY-MM-DD]`: runs one scheduled job now, the way EventBridge Scheduler would invoke
 * the jobs Lambda. Uses the database of a running `npm start` if there is one, else starts DynamoDB Local on
 * `.data/` for the duration of the run.
 */
import { jobSchedules } from '../shared/schedules';
import { openLocalDatabase, runCommand } from './database';
import { LocalSetupError } from './env';
import { installJobQueue, jobContext, loadJobsHandler } from './stack';

const names = jobSchedules.map((j) => j.name as string);
const USAGE = `Usage: npm run job -- NAME [--date YYYY-MM-DD] [--allow-future] [--only-this-day]\n  jobs: ${names.join(', ')}\n  A job acts as of its date and catches up every day it missed since its last completed one; a date after today is refused unless --allow-future; --only-this-day reruns just that day (no catch-up, the watermark stays).`;

function parseArgs(argv: string[]): { job: string; date?: string; allowFuture: boolean; onlyThisDay: boolean } {
  let job: string | undefined;
  let date: string | undefined;
  let allowFuture = false;
  let onlyThisDay = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--date') date = argv[++i];
    else if (a.startsWith('--date=')) date = a.slice('--date='.length);
    else if (a === '--allow-future') allowFuture = true;
    else if (a === '--only-this-day') onlyThisDay = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (!a.startsWith('-') && !job) job = a;
    else throw new LocalSetupError(`unexpected argument ${a}\n\n${USAGE}`);
  }
  if (!job) throw new LocalSetupError(USAGE);
  if (!names.includes(job)) throw new LocalSetupError(`unknown job "${job}"\n\n${USAGE}`);
  if (date !== undefined) {
    // A real calendar day: 2026-02-30 parses in JS (as March 2), so compare the round trip.
    const d = new Date(`${date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
      throw new LocalSetupError(`--date must be a day as YYYY-MM-DD, got "${date}"`);
    }
  }
  return { job, date, allowFuture, onlyThisDay };
}

async function main(): Promise<number> {
  const { job, date, allowFuture, onlyThisDay } = parseArgs(process.argv.slice(2));

  const db = await openLocalDatabase('job');
  try {
    const handler = await loadJobsHandler(); // after applyLocalEnv: the handler reads env at load
    // As in the cloud: the run dispatches one message per shard and the same handler works them from the queue.
    const queue = await installJobQueue(handler, (line) => console.log(line));
    const started = Date.now();
    console.log(`[job] ${job}${date ? ` for ${date}` : ''}: running`);
    const result = await handler({ job, ...(date ? { date } : {}), ...(allowFuture ? { allowFuture } : {}), ...(onlyThisDay ? { onlyThisDay } : {}) }, jobContext(job));
    await queue.drain();
    const retried = queue.deliveries.filter((d) => !d.ok).length;
    console.log(`[job] ${job}: done in ${Date.now() - started} ms: ${queue.deliveries.filter((d) => d.ok).length} shard(s) done, ${retried} failed attempt(s), ${queue.deadLetters.length} dead-lettered`);
    console.log(JSON.stringify(result, null, 2));
    if (queue.deadLetters.length) {
      console.error(`[job] ${job}: ${queue.deadLetters.length} shard(s) failed every attempt (the log above says why): ${queue.deadLetters.map((d) => d.body).join(' ')}`);
      console.error(`[job] their watermark stays behind; the next run catches them up, or run this again.`);
      return 1;
    }
    return 0;
  } catch (err) {
    console.error(`[job] ${job} failed: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  } finally {
    await db.close();
  }
}

runCommand(main);
