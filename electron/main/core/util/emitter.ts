/**
 * A small typed emitter for core's domain events, after VS Code's Emitter/Event (src/vs/base/common/event.ts):
 * the owner keeps the Emitter and fires it; everyone else gets only its `event` function, subscribes with it and
 * receives a disposable subscription. A listener that throws is logged; the other listeners still run.
 */
import type { Logger } from '../types';

/** One subscription: call it (or its dispose) to unsubscribe. Calling twice is harmless. */
export interface Subscription {
  (): void;
  dispose(): void;
}

/** Subscribes a listener; what an owner hands out as `onDidX`. */
export type Event<T> = (listener: (event: T) => void) => Subscription;

export class Emitter<T> {
  private readonly listeners = new Set<(event: T) => void>();
  private disposed = false;

  constructor(
    private readonly name: string,
    private readonly logger?: Pick<Logger, 'error'>,
  ) {}

  readonly event: Event<T> = (listener) => {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry = (event: T): void => listener(event);
    if (!this.disposed) this.listeners.add(entry);
    return subscription(() => this.listeners.delete(entry));
  };

  get listenerCount(): number {
    return this.listeners.size;
  }

  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger?.error(`A listener of ${this.name} failed`, error);
      }
    }
  }

  /** Drops every listener; later subscriptions are ignored. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}

/** A subscription that runs `unsubscribe` (once) when called or disposed. */
export function subscription(unsubscribe: () => void): Subscription {
  let done = false;
  const dispose = (() => {
    if (done) return;
    done = true;
    unsubscribe();
  }) as Subscription;
  dispose.dispose = dispose;
  return dispose;
}

/** One subscription for many. */
export function allOf(subscriptions: readonly (() => void)[]): Subscription {
  return subscription(() => {
    for (const unsubscribe of subscriptions) unsubscribe();
  });
}
