/**
 * The messages between the main thread (store-client.ts) and the store worker (store-worker.ts). Structured
 * clone carries them; errors travel as their name, message and code.
 */
import type { Message, UnreadCounts } from '../../../../shared/domain';
import type { RetentionLimits } from './message-store';

/** What the worker is started with. */
export interface StoreWorkerData {
  /** The database file; the main thread has already opened and migrated it. */
  path: string;
  maintenance?: { budgetMs?: number; busyDelayMs?: number; idleDelayMs?: number };
  retention: RetentionLimits;
  /** Feeds that exist now: messages of any other feed belong to a removed one. */
  knownFeeds: string[];
}

/** The store calls the worker answers (MessageStore's methods, plus upkeep). */
export const STORE_METHODS = [
  'append',
  'resetCursor',
  'get',
  'count',
  'list',
  'feedMessageCount',
  'markRead',
  'markUnread',
  'markViewRead',
  'star',
  'deleteMessages',
  'clearFeed',
  'indexLag',
  'forgetFeed',
  'adoptOrphans',
  'drainMaintenance',
  'close',
] as const;
export type StoreMethod = (typeof STORE_METHODS)[number];

/**
 * The answer to append: the stored messages, or — when every event of the batch was stored, with consecutive ids
 * — only the first id (the caller has the events).
 */
export type AppendAnswer = Message[] | { first: number };

export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export type ToWorker =
  | { kind: 'call'; id: number; method: StoreMethod; args: unknown[] }
  | { kind: 'retention'; limits: RetentionLimits }
  | { kind: 'kick'; delayMs: number }
  /** Tests: the worker dies as a crash would — now, or right after its next append commits (before answering). */
  | { kind: 'crash'; when: 'now' | 'after-commit' };

export type FromWorker =
  | { kind: 'ready'; unread: UnreadCounts }
  | { kind: 'fatal'; error: WireError }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: WireError }
  | { kind: 'unread'; unread: UnreadCounts }
  | { kind: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string; details: string[] };

export function toWire(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.constructor.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}
