/**
 * Contract coverage: every channel has a schema and a verb on the api object, and the schemas accept what a
 * well-behaved renderer sends and reject what a hostile or buggy one might.
 */
import { describe, expect, it } from 'vitest';
import {
  invoke,
  invokeChannels,
  push,
  pushChannels,
  type InvokeChannel,
  type PushChannel,
} from '../../shared/ipc/channels';
import { feedInput, settingsPatch, messageQuery } from '../../shared/ipc/schemas';
import { requestSchemas } from '../../shared/ipc/validation';
import { bindApi, type ApiTransport } from '../../shared/ipc/bind-api';
import { defaultSettings } from '../../shared/domain';
import { problemEnglish, problemOfIssue } from '../../shared/problem';

const validFeed = {
  name: 'Orders',
  url: 'https://example.test/orders',
  headers: [{ name: 'Authorization', value: 'Bearer abc', secret: true }],
  eventTypes: ['newOrder'],
  notify: { mode: 'all', types: [], include: [], exclude: [] },
  idleTimeoutSec: 45,
  enabled: true,
};

describe('channel map', () => {
  it('names every channel tidings:<noun>:<verb> and never reuses a name', () => {
    const all = [...invokeChannels, ...pushChannels];
    expect(new Set(all).size).toBe(all.length);
    for (const channel of all) expect(channel).toMatch(/^tidings:[a-z]+:[a-z-]+$/);
  });

  it('has a request schema for every invoke channel and none for unknown ones', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...invokeChannels].sort());
  });

  it('binds every invoke channel to exactly one api verb and every push channel to one listener', async () => {
    const invoked: InvokeChannel[] = [];
    const listened: PushChannel[] = [];
    const transport: ApiTransport = {
      invoke: async (channel) => {
        invoked.push(channel);
        return { ok: true, data: null as never };
      },
      listen: (channel) => {
        listened.push(channel);
        return () => undefined;
      },
    };
    const api = bindApi(transport);
    for (const group of [api.app, api.feeds, api.messages, api.settings]) {
      for (const verb of Object.values(group)) await (verb as (r?: unknown) => Promise<unknown>)({});
    }
    for (const [key, value] of Object.entries(api)) {
      if (key.startsWith('on')) (value as (cb: () => void) => () => void)(() => undefined)();
    }
    expect([...invoked].sort()).toEqual([...invokeChannels].sort());
    expect([...listened].sort()).toEqual([...pushChannels].sort());
  });
});

describe('request schemas', () => {
  it('accepts a complete feed', () => {
    expect(feedInput.safeParse(validFeed).success).toBe(true);
  });

  it.each([
    ['file: URL', { ...validFeed, url: 'file:///etc/passwd' }, 'http'],
    ['javascript: URL', { ...validFeed, url: 'javascript:alert(1)' }, 'http'],
    ['empty URL', { ...validFeed, url: '' }, 'Enter a feed URL'],
    ['not a URL', { ...validFeed, url: 'orders' }, 'http'],
    [
      'header injection',
      { ...validFeed, headers: [{ name: 'X', value: 'a\r\nHost: evil', secret: false }] },
      'line breaks',
    ],
    ['bad header name', { ...validFeed, headers: [{ name: 'Bad Name', value: 'x', secret: false }] }, 'Header name'],
    ['idle timeout too small', { ...validFeed, idleTimeoutSec: 1 }, ''],
    ['missing fields', { url: 'https://x.test' }, ''],
  ])('rejects a feed with %s', (_label, input, message) => {
    const parsed = feedInput.safeParse(input);
    expect(parsed.success).toBe(false);
    // A rule names a problem kind; its English words are what the test reads.
    const words = parsed.success ? '' : parsed.error.issues.map((i) => problemEnglish(problemOfIssue(i))).join(' ');
    if (message) expect(words).toContain(message);
  });

  it('accepts a secret header kept by null value and rejects extra settings keys', () => {
    expect(
      feedInput.safeParse({ ...validFeed, headers: [{ name: 'Authorization', value: null, secret: true }] }).success,
    ).toBe(true);
    expect(settingsPatch.safeParse({ theme: 'dark' }).success).toBe(true);
    expect(settingsPatch.safeParse({ ...defaultSettings }).success).toBe(true);
    expect(settingsPatch.safeParse({ theme: 'neon' }).success).toBe(false);
    expect(settingsPatch.safeParse({ evil: true }).success).toBe(false);
    expect(settingsPatch.safeParse({ dnd: { ...defaultSettings.dnd, quietStart: '25:00' } }).success).toBe(false);
  });

  it('bounds message queries', () => {
    expect(messageQuery.safeParse({ text: 'disk full', unread: true, limit: 100 }).success).toBe(true);
    expect(messageQuery.safeParse({ limit: 100_000 }).success).toBe(false);
    expect(messageQuery.safeParse({ text: 'x'.repeat(10_000) }).success).toBe(false);
  });

  it('rejects payloads on channels that take none, and mark-read without a target', () => {
    expect(requestSchemas[invoke.appSnapshot].safeParse(undefined).success).toBe(true);
    expect(requestSchemas[invoke.appSnapshot].safeParse({ x: 1 }).success).toBe(false);
    expect(requestSchemas[invoke.messagesMarkRead].safeParse({}).success).toBe(false);
    expect(requestSchemas[invoke.messagesMarkRead].safeParse({ ids: [1, 2] }).success).toBe(true);
    expect(requestSchemas[invoke.messagesMarkRead].safeParse({ all: true }).success).toBe(true);
    expect(push.messages).toBe('tidings:push:messages');
  });
});

describe('the sandboxed preload', () => {
  it('bundles without zod or the schemas: the contract reaches it as names and verbs only', async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [new URL('../../electron/preload/index.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      metafile: true,
      format: 'cjs',
      platform: 'node',
      external: ['electron'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('shared/ipc/contract.ts');
    expect(inputs.filter((path) => /node_modules|schemas|validation/.test(path))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\bzod\b/);
    // The only module it requires is electron, as a sandboxed preload must.
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});
