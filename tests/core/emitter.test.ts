/** Core's typed emitter: subscriptions, disposal, and a throwing listener that breaks nothing. */
import { describe, expect, it } from 'vitest';
import { allOf, Emitter } from '../../electron/main/core/util/emitter';
import { captureLogger } from './store/helpers';

describe('Emitter', () => {
  it('delivers to every subscriber in order; a subscription unsubscribes by call or dispose, once', () => {
    const emitter = new Emitter<number>('onDidCount');
    const heard: string[] = [];
    const a = emitter.event((n) => heard.push(`a${n}`));
    const b = emitter.event((n) => heard.push(`b${n}`));
    emitter.fire(1);
    a();
    emitter.fire(2);
    b.dispose();
    b();
    emitter.fire(3);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
    expect(emitter.listenerCount).toBe(0);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const emitter = new Emitter<void>('onDidPing');
    let calls = 0;
    const listener = () => void calls++;
    const first = emitter.event(listener);
    emitter.event(listener);
    emitter.fire();
    first();
    emitter.fire();
    expect(calls).toBe(3);
  });

  it('a listener that throws is logged and the others still hear the event', () => {
    const logger = captureLogger();
    const emitter = new Emitter<string>('onDidSay', logger);
    const heard: string[] = [];
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((s) => heard.push(s));
    emitter.fire('hello');
    expect(heard).toEqual(['hello']);
    expect(logger.lines.some((l) => l.level === 'error' && l.message.includes('onDidSay'))).toBe(true);
  });

  it('a listener may unsubscribe another during delivery; dispose drops all and ignores later subscribers', () => {
    const emitter = new Emitter<number>('onDidX');
    const heard: number[] = [];
    const second = { off: () => {} };
    emitter.event(() => second.off());
    second.off = emitter.event((n) => heard.push(n));
    emitter.fire(1); // delivery works on a snapshot of the subscribers
    emitter.fire(2);
    expect(heard).toEqual([1]);
    emitter.dispose();
    emitter.event((n) => heard.push(n));
    emitter.fire(3);
    expect(heard).toEqual([1]);
  });

  it('allOf disposes many subscriptions at once', () => {
    const a = new Emitter<void>('a');
    const b = new Emitter<void>('b');
    const all = allOf([a.event(() => {}), b.event(() => {})]);
    expect(a.listenerCount + b.listenerCount).toBe(2);
    all.dispose();
    expect(a.listenerCount + b.listenerCount).toBe(0);
  });
});
