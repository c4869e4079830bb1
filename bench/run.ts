process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { saveReport, type BenchReport } from './harness';
import { bundles } from './bundles';
import { consoleSize } from './console-size';
import { cost } from './cost';
import { couponClaim } from './coupon-claim';
import { staffReports } from './staff-reports';
import { joinStatsScale } from './join-stats-scale';
import { memberIdentify } from './member-identify';
import { miniappSize } from './miniapp-size';
import { posIngest } from './pos-ingest';

/** `npm run bench` runs every benchmark; `npm run bench -- NAME …` runs the named ones. */
const benchmarks: Record<string, () => Promise<BenchReport>> = {
  'member-identify': memberIdentify,
  'join-stats-scale': joinStatsScale,
  'miniapp-size': miniappSize,
  'console-size': consoleSize,
  'pos-ingest': posIngest,
  'coupon-claim': couponClaim,
  cost,
  'staff-reports': staffReports,
  bundles,
};

async function main() {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !benchmarks[n]);
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
    process.exit(2);
  }
  for (const name of names.length ? names : Object.keys(benchmarks)) {
    console.log(`▶ ${name}`);
    const report = await benchmarks[name]();
    saveReport(name, report);
    console.log(JSON.stringify(report.figures, null, 2));
  }
  console.log('written: docs/BENCHMARKS.md, bench/results.json');
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
