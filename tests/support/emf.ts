import { resetMetrics } from '../../functions/commons/metrics';

/** One CloudWatch EMF line as Powertools writes it: the metric values at the top level, dimensions beside them. */
export type EmfLine = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
};

/**
 * Turns metrics on (npm start and the tests run with them off) and collects the EMF lines written to stdout,
 * swallowing them; other output passes through. `stop()` restores stdout and turns metrics off again.
 */
export function captureEmf() {
  const lines: EmfLine[] = [];
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  resetMetrics();
  const write = process.stdout.write.bind(process.stdout);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith('{"_aws"')) {
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as EmfLine);
      return true;
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as never);
  const valuesOf = (line: EmfLine, name: string): number[] => {
    const v = line[name];
    return v === undefined ? [] : Array.isArray(v) ? (v as number[]) : [v as number];
  };
  return {
    lines,
    /** The sum of a metric over every line (optionally only lines whose dimensions match). */
    sum(name: string, dims: Record<string, string> = {}): number {
      return lines
        .filter((l) => Object.entries(dims).every(([k, v]) => l[k] === v))
        .flatMap((l) => valuesOf(l, name))
        .reduce((a, b) => a + b, 0);
    },
    values(name: string, dims: Record<string, string> = {}): number[] {
      return lines.filter((l) => Object.entries(dims).every(([k, v]) => l[k] === v)).flatMap((l) => valuesOf(l, name));
    },
    clear: () => lines.splice(0),
    stop() {
      spy.mockRestore();
      if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
      else process.env.POWERTOOLS_METRICS_DISABLED = saved;
      resetMetrics();
    },
  };
}
