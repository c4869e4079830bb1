import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, SERVICE_NAME } from './metric-names';

/**
 * One Powertools Metrics buffer per container, made on first use (so it reads the environment the handlers
 * run with: POWERTOOLS_METRICS_DISABLED turns it off, as `npm start` and the tests do unless asked). Metrics are
 * written to stdout as CloudWatch EMF when `publishMetrics()` runs at the end of a unit of work; CloudWatch Logs
 * turns them into metrics, with no API call from the function.
 */
let instance: Metrics | undefined;

export const metrics = (): Metrics => (instance ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME }));

/** Writes what was recorded (nothing when nothing was: Powertools would warn about an empty publish). */
export function publishMetrics(): void {
  if (instance?.hasStoredMetrics()) instance.publishStoredMetrics();
  else instance?.clearDimensions();
}

/** Forgets what was recorded since the last publish (work that will be redone: it must not count twice). */
export function discardMetrics(): void {
  instance?.clearMetrics();
  instance?.clearDimensions();
}

/** Tests: the next `metrics()` reads the environment again. */
export function resetMetrics(): void {
  instance = undefined;
}

export { MetricUnit };
