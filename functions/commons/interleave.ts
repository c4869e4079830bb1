/**
 * Named points between a change's reads and its commit, where a test can make another request commit first
 * (deterministically: no sleeps). In production no hook is registered and a point costs one length check.
 * A change that survives every interleaving must be computed from a snapshot its own conditions guard.
 */
export type InterleaveHook = (point: string, detail: Record<string, unknown>) => Promise<void> | void;

const hooks = new Set<InterleaveHook>();

export function onInterleavePoint(hook: InterleaveHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

export async function interleavePoint(point: string, detail: Record<string, unknown> = {}): Promise<void> {
  if (hooks.size === 0) return;
  for (const hook of [...hooks]) await hook(point, detail);
}
