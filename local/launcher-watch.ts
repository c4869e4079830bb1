import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAlive } from './env';

/**
 * `npm start` runs us as npm → sh → tsx → node. An IDE's stop button (or `kill <npm pid>`) sends SIGTERM to npm
 * alone, and the shell in between does not pass it on, so node and java would be left running. We watch the
 * processes that launched us and stop as on Ctrl-C when one of them goes away.
 */
function parentOf(pid: number): number {
  try {
    // Linux: the 4th field of /proc/<pid>/stat (after the command name in parentheses) is the parent pid.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    } catch {
      return 0;
    }
  }
}

/** Our launchers, nearest first, up to `depth` of them (tsx, the shell, npm). */
export function launcherPids(depth = 3, from = process.ppid): number[] {
  const pids: number[] = [];
  for (let pid = from; pids.length < depth && pid > 1; pid = parentOf(pid)) pids.push(pid);
  return pids;
}

export { isAlive };

/** Calls `onGone` once, within `everyMs`, after any of our launchers has exited. Returns a stop function. */
export function watchLaunchers(onGone: (pid: number) => void, everyMs = 1000): () => void {
  const pids = launcherPids();
  const timer = setInterval(() => {
    const gone = pids.find((pid) => !isAlive(pid));
    if (gone !== undefined) {
      clearInterval(timer);
      onGone(gone);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
