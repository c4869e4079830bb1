import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * What the cloud bills for DynamoDB, counted from inside the process: round trips per command and the capacity
 * units DynamoDB reports (`ReturnConsumedCapacity: 'TOTAL'`, which DynamoDB Local answers with the cloud's
 * arithmetic). Installed only when `COST_METER=1` (the cost benchmark's API process); otherwise nothing runs.
 */
export interface CostTotals {
  roundTrips: number;
  readUnits: number;
  writeUnits: number;
  byCommand: Record<string, number>;
  /** CPU (µs) spent inside DynamoDB calls: the SDK's work per round trip (serialising, signing, HTTP, parsing). */
  sdkCpuUs: number;
}

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const METERED = new Set([...READS, 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

let totals: CostTotals = { roundTrips: 0, readUnits: 0, writeUnits: 0, byCommand: {}, sdkCpuUs: 0 };

export const costTotals = (): CostTotals => ({ ...totals, byCommand: { ...totals.byCommand } });
export function resetCostTotals(): void {
  totals = { roundTrips: 0, readUnits: 0, writeUnits: 0, byCommand: {}, sdkCpuUs: 0 };
}

type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

export function installCostMeter(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const input = args.input as { ReturnConsumedCapacity?: string };
      if (METERED.has(command)) input.ReturnConsumedCapacity ??= 'TOTAL';
      // Requests run one at a time in the cost benchmark, so the process's CPU across the call is the call's.
      const cpu = process.cpuUsage();
      let out;
      try {
        out = await next(args);
      } finally {
        const used = process.cpuUsage(cpu);
        totals.sdkCpuUs += used.user + used.system;
      }
      totals.roundTrips++;
      totals.byCommand[command] = (totals.byCommand[command] ?? 0) + 1;
      const consumed = (out.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        const units = c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0);
        if (READS.has(command)) totals.readUnits += units;
        else totals.writeUnits += units;
      }
      return out;
    },
    { step: 'initialize', name: 'costMeter' },
  );
}
