/**
 * `npm start [-- --memory] [--no-h5] [--no-console] [--port N] [--app-port N] [--console-port N] [--host H]`: the whole system locally.
 * Ctrl-C stops everything, DynamoDB Local's java process included.
 */
import { BUSINESS_TIME_ZONE, jobSchedules } from '../shared/schedules';
import { JavaMissingError } from './dynamo';
import { DATA_DIR, LocalSetupError } from './env';
import { startLocalStack, type LocalStack } from './stack';
import { watchLaunchers } from './launcher-watch';

interface Args {
  memory: boolean;
  h5: boolean;
  console: boolean;
  port?: number;
  appPort?: number;
  consolePort?: number;
  host?: string;
}

const USAGE = `Usage: npm start [-- --memory] [--no-h5] [--no-console] [--port N] [--app-port N] [--console-port N] [--host H]
  --memory         in-memory database and fresh keys (nothing kept); default keeps data in .data/
  --no-h5          no H5 build and no app server
  --no-console     no staff console build and no console server
  --port N         API port (default 3000, or a free one if taken)
  --app-port N     H5 app port (default 5173, or a free one if taken)
  --console-port N staff console port (default 5180, or a free one if taken)
  --host H         interface to listen on (default 127.0.0.1; 0.0.0.0 for a phone on the LAN)`;

function parseArgs(argv: string[]): Args {
  const args: Args = { memory: false, h5: true, console: true };
  const port = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (!v || !Number.isInteger(n) || n < 0 || n > 65535) fail(`${flag} needs a port number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--memory') args.memory = true;
    else if (flag === '--no-h5') args.h5 = false;
    else if (flag === '--no-console') args.console = false;
    else if (flag === '--console-port') args.consolePort = port(flag, value());
    else if (flag === '--port') args.port = port(flag, value());
    else if (flag === '--app-port') args.appPort = port(flag, value());
    else if (flag === '--host') args.host = value() || fail('--host needs a value');
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  return args;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const inZone = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
}

function banner(stack: LocalStack, memory: boolean): string {
  const lines: string[] = [];
  const rule = '─'.repeat(78);
  lines.push(rule, ` Retail membership: local stack (${memory ? 'in-memory data, discarded on stop' : `data kept in ${DATA_DIR}`})`, rule);
  if (stack.appUrl) {
    lines.push(` Open the app (H5):  ${stack.appUrl}`);
    const joins = stack.seedResult.stores.flatMap((s) => s.registers.map((r) => ({ store: s.name, ...r })));
    if (joins.length) {
      lines.push('   Scan-to-join links, one per register:');
      for (const j of joins) {
        lines.push(`     ${j.store} / ${j.registerId}: ${stack.appUrl}/#/pages/join/index?scene=${encodeURIComponent(j.scene)}`);
      }
    }
  } else {
    lines.push(' App (H5): not started (--no-h5)');
  }
  lines.push(stack.consoleUrl ? ` Staff console: ${stack.consoleUrl}  (sign in with a staff account below)` : ' Staff console: not started (--no-console)');
  lines.push(` API:       ${stack.apiUrl}`, ` OpenAPI:   ${stack.apiUrl}/openapi.json`, ` DynamoDB:  ${stack.dynamo.endpoint}  (table ${stack.tableName})`, '');

  if (stack.seedResult.staff.length) {
    lines.push(' Staff sign-ins:');
    const rows = [['username', 'password', 'role', 'scope', 'register']];
    for (const s of stack.seedResult.staff) rows.push([s.username, s.password, s.role, s.scopeLabel, s.registerId ?? '']);
    lines.push(...table(rows).map((l) => `   ${l}`), '');
  }
  lines.push(
    ' Sign-in is in DEV MODE: shoppers sign in with a phone number and a one-time code that is printed',
    ' in this log. WeChat login and SMS are not connected.',
    '',
    ` Scheduled jobs (${BUSINESS_TIME_ZONE}):`,
  );
  const next = new Map(stack.nextRuns().map((n) => [n.name, n.at]));
  for (const j of jobSchedules) {
    const at = next.get(j.name);
    lines.push(`   ${j.name}  cron(${j.cron})  next run ${at ? `${inZone(at)} (${at.toISOString()})` : '?'}`);
    lines.push(`     ${j.description}`);
  }
  lines.push('   Run one now: npm run job -- <name> [--date YYYY-MM-DD]', '', ' Ctrl-C to stop.', rule);
  return lines.join('\n');
}

async function main(): Promise<void> {
  // Node 20 is what this machine has; the SDK's nag about Node 22 would only clutter the local log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const args = parseArgs(process.argv.slice(2));
  let stack: LocalStack | undefined;
  let stopping = false;

  // Installed before starting, so Ctrl-C during the (slow) H5 build also ends cleanly.
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping || !stack) {
      // Second Ctrl-C, or nothing fully started yet: leave now; DynamoDB Local's 'exit' hook kills java.
      process.exit(130);
    }
    stopping = true;
    console.log(`\n[stack] ${signal}: stopping...`);
    stack.stop().then(
      () => {
        console.log('[stack] stopped');
        process.exit(0);
      },
      (err) => {
        console.error(`[stack] stop failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // SIGTERM sent to npm alone (an IDE's stop button) never reaches us through npm's shell: notice npm leaving.
  watchLaunchers((pid) => {
    console.log(`\n[stack] the process that started us (${pid}) has exited`);
    onSignal('SIGTERM');
  });

  try {
    stack = await startLocalStack({
      memory: args.memory,
      apiPort: args.port,
      appPort: args.appPort,
      host: args.host,
      buildH5: args.h5,
      console: args.console,
      consolePort: args.consolePort,
    });
  } catch (err) {
    if (err instanceof JavaMissingError || err instanceof LocalSetupError) {
      console.error(err.message);
    } else {
      console.error(`Could not start the local stack: ${(err as Error)?.stack ?? String(err)}`);
    }
    process.exit(1);
  }
  console.log(`\n${banner(stack, args.memory)}\n`);
}

void main();
