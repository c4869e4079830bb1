import type { AppConfig } from '../commons/config';
import type { TransactItem } from '../commons/dynamodb';
import type { DomainEvent, DomainEventType } from './catalogue';

/** A feature's reaction to domain events (see consumer.ts for how it runs: at least once, effectively once). */
export interface ReactionContext {
  config: AppConfig;
}
export interface Reaction {
  /** Stable: it names the receipts. */
  name: string;
  on: readonly DomainEventType[];
  /** Receipts expire after this many days (the table's TTL): for a reaction whose receipts only need to outlive redelivery. */
  receiptTtlDays?: number;
  react(event: DomainEvent, ctx: ReactionContext): Promise<{ items?: TransactItem[] } | void>;
}

