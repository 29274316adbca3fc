/**
 * The contract between renderer and main, written once per channel. Everything else is derived from `contract`:
 * the channel names (`tidings:<noun>:<verb>`, `tidings:push:<name>`), the `invoke` / `push` maps, the request
 * types (from the zod schemas), the `TidingsApi` type of `window.api`, `bindApi`, the handler-table type main must
 * implement (a missing handler is a type error), and main's validation table (`./validation.ts`).
 *
 * Each invoke entry names its request schema as a function of the schema module (`(s) => s.feedInput`) and its
 * response type (`returns<Feed>()`). The schema module is imported here for its types only, so this file has no
 * runtime dependency on zod: the sandboxed preload imports it (through bindApi) and stays small.
 */
import type { z } from 'zod';
import type {
  ConnectionTest,
  Feed,
  FeedDiagnostics,
  FeedStatus,
  Message,
  MessagePage,
  NavigateRequest,
  Settings,
  Snapshot,
  UnreadCounts,
} from '../domain';
import type { ActionOutcome, DownloadOutcome, PublishOutcome } from '../message-fields';
import type { Result } from '../result';
import type * as Schemas from './schemas';

/** The schema module as the request functions see it (main passes the real module; see validation.ts). */
export type SchemaModule = typeof Schemas;

interface InvokeEntry<Req extends z.ZodType = z.ZodType, Res = unknown> {
  /** The request schema, picked or built from the schema module. Main validates every request with it. */
  request: (s: SchemaModule) => Req;
  /** Phantom: only its type matters (`returns<T>()`). */
  response: Res;
}

/** Marks a response or push payload type. A phantom value: nothing reads it at run time. */
export const returns = <T>(): T => undefined as T;

type ContractShape = {
  invoke: Record<string, Record<string, InvokeEntry>>;
  push: Record<string, unknown>;
};
const defineContract = <C extends ContractShape>(c: C): C => c;

export const contract = defineContract({
  invoke: {
    app: {
      snapshot: { request: (s) => s.none, response: returns<Snapshot>() },
      /** The "Copy diagnostics" text. */
      diagnostics: { request: (s) => s.none, response: returns<string>() },
      openLogs: { request: (s) => s.none, response: returns<null>() },
      /** "Send a test notification" (settings, or a feed's): shown by main's notification service. */
      testNotification: {
        request: (s) => s.z.object({ feedId: s.feedId.optional() }),
        response: returns<{ shown: boolean }>(),
      },
      openExternal: { request: (s) => s.z.object({ url: s.z.string().max(8192) }), response: returns<null>() },
    },
    feeds: {
      add: { request: (s) => s.feedInput, response: returns<Feed>() },
      update: { request: (s) => s.z.object({ id: s.feedId, input: s.feedInput }), response: returns<Feed>() },
      remove: { request: (s) => s.byFeedId, response: returns<null>() },
      reconnect: { request: (s) => s.byFeedId, response: returns<null>() },
      /** "Test connection": connects once with these settings (an edited feed's stored secrets fill `value: null`), reports, closes. */
      test: {
        request: (s) => s.z.object({ id: s.feedId.optional(), input: s.feedInput }),
        response: returns<ConnectionTest>(),
      },
      /** "Try a demo feed": starts main's built-in demo stream (127.0.0.1) and subscribes to it, or answers the demo feed already there. */
      addDemo: { request: (s) => s.z.object({ name: s.feedName }), response: returns<Feed>() },
      /** The composer: sends one message to the feed's server (its profile's publish target), from main. */
      publish: { request: (s) => s.publishRequest, response: returns<PublishOutcome>() },
      /** The sidebar menu's switches: mute, count as unread, colour (the rest of the feed unchanged). */
      configure: { request: (s) => s.feedOptions, response: returns<Feed>() },
      /** Pauses one feed (paused by the user, through sleep and wake, until resumed). */
      pause: { request: (s) => s.byFeedId, response: returns<null>() },
      resume: { request: (s) => s.byFeedId, response: returns<null>() },
      pauseAll: { request: (s) => s.none, response: returns<null>() },
      resumeAll: { request: (s) => s.none, response: returns<null>() },
      reconnectAll: { request: (s) => s.none, response: returns<null>() },
      diagnostics: { request: (s) => s.byFeedId, response: returns<FeedDiagnostics>() },
      export: { request: (s) => s.z.object({ includeSecrets: s.z.boolean() }), response: returns<string>() },
      import: {
        request: (s) => s.z.object({ json: s.z.string().max(5_000_000) }),
        response: returns<{ added: number; skipped: number }>(),
      },
    },
    messages: {
      list: { request: (s) => s.messageQuery, response: returns<MessagePage>() },
      get: { request: (s) => s.z.object({ id: s.messageId }), response: returns<Message>() },
      markRead: { request: (s) => s.markReadRequest, response: returns<UnreadCounts>() },
      /** Marks read exactly what a view (feed, search, filters) shows; the ids it marked, for undo. */
      markViewRead: {
        request: (s) => s.messageQuery,
        response: returns<{ unread: UnreadCounts; ids: number[] }>(),
      },
      markUnread: { request: (s) => s.markUnreadRequest, response: returns<UnreadCounts>() },
      /** Stars or unstars; the ids that changed. */
      star: { request: (s) => s.starRequest, response: returns<number[]>() },
      delete: { request: (s) => s.messageIds, response: returns<UnreadCounts>() },
      clearFeed: { request: (s) => s.byFeedId, response: returns<UnreadCounts>() },
      /** A message's `http` action (its index in fields.actions), sent from main after the user confirmed it. */
      runAction: { request: (s) => s.messageAction, response: returns<ActionOutcome>() },
      /** An attachment (its index in fields.attachments): main asks where to save it, then downloads it there. */
      downloadAttachment: { request: (s) => s.messageAttachment, response: returns<DownloadOutcome>() },
    },
    settings: {
      get: { request: (s) => s.none, response: returns<Settings>() },
      update: { request: (s) => s.settingsPatch, response: returns<Settings>() },
    },
  },
  /** main → renderer. `window.api.on<Name>(listener)`. */
  push: {
    messages: returns<Message[]>(),
    feedStatus: returns<FeedStatus[]>(),
    feeds: returns<Feed[]>(),
    unread: returns<UnreadCounts>(),
    settings: returns<Settings>(),
    navigate: returns<NavigateRequest>(),
  },
});

// ---- names ----------------------------------------------------------------------------------------------------

type Contract = typeof contract;

/** camelCase → kebab-case, in types and at run time. */
type Kebab<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `-${Lowercase<H>}`}${Kebab<T>}`
  : S;
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const capitalize = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

type NounsOf<K extends ContractShape> = keyof K['invoke'] & string;
type VerbsOf<K extends ContractShape, N extends NounsOf<K>> = keyof K['invoke'][N] & string;

/** One record per invoke channel of a contract: flat key, channel name, entry. */
type InvokePairs<K extends ContractShape> = {
  [N in NounsOf<K>]: {
    [V in VerbsOf<K, N>]: {
      key: `${N}${Capitalize<V>}`;
      channel: `tidings:${N}:${Kebab<V>}`;
      entry: K['invoke'][N][V];
    };
  }[VerbsOf<K, N>];
}[NounsOf<K>];
type Pair = InvokePairs<Contract>;
type PushName = keyof Contract['push'] & string;

export type Noun = NounsOf<Contract>;
export type InvokeChannel = Pair['channel'];
export type PushChannel = `tidings:push:${Kebab<PushName>}`;
type InvokeMap = { [P in Pair as P['key']]: P['channel'] };
type PushMap = { [P in PushName]: `tidings:push:${Kebab<P>}` };

/** Every invoke channel with its noun and verb. */
export const invokeEntries: readonly { noun: string; verb: string; channel: InvokeChannel }[] = Object.entries(
  contract.invoke,
).flatMap(([noun, verbs]) =>
  Object.keys(verbs).map((verb) => ({ noun, verb, channel: `tidings:${noun}:${kebab(verb)}` as InvokeChannel })),
);

/** Every push channel with its name and the api listener that receives it (`feedStatus` → `onFeedStatus`). */
export const pushEntries: readonly { name: PushName; channel: PushChannel; listener: string }[] = Object.keys(
  contract.push,
).map((name) => ({
  name: name as PushName,
  channel: `tidings:push:${kebab(name)}` as PushChannel,
  listener: `on${capitalize(name)}`,
}));

/** `invoke.feedsAdd === 'tidings:feeds:add'`. */
export const invoke = Object.fromEntries(
  invokeEntries.map((e) => [`${e.noun}${capitalize(e.verb)}`, e.channel]),
) as InvokeMap;
/** `push.feedStatus === 'tidings:push:feed-status'`. */
export const push = Object.fromEntries(pushEntries.map((e) => [e.name, e.channel])) as PushMap;

export const invokeChannels: readonly InvokeChannel[] = invokeEntries.map((e) => e.channel);
export const pushChannels: readonly PushChannel[] = pushEntries.map((e) => e.channel);

// ---- types derived per channel --------------------------------------------------------------------------------

type RequestIn<E> = E extends { request: (s: SchemaModule) => infer S extends z.ZodType } ? z.infer<S> : never;
type ResponseIn<E> = E extends { response: infer R } ? R : never;
type EntryOf<C extends InvokeChannel> = Extract<Pair, { channel: C }>['entry'];

export type RequestOf<C extends InvokeChannel> = RequestIn<EntryOf<C>>;
export type ResponseOf<C extends InvokeChannel> = ResponseIn<EntryOf<C>>;
export type PayloadOf<C extends PushChannel> = {
  [P in PushName]: `tidings:push:${Kebab<P>}` extends C ? Contract['push'][P] : never;
}[PushName];

/**
 * The handler table of a contract: one handler per invoke channel, validated request in, Result out.
 * Transport-agnostic. Main's table has this type, so a contract entry without a handler does not compile.
 */
export type HandlersOf<K extends ContractShape> = {
  [P in InvokePairs<K> as P['channel']]: (request: RequestIn<P['entry']>) => Promise<Result<ResponseIn<P['entry']>>>;
};
export type ApiHandlers = HandlersOf<Contract>;

/** A push sink: how main delivers pushes, whatever the transport. */
export type PushSink = <C extends PushChannel>(channel: C, payload: PayloadOf<C>) => void;

type Call<E> =
  RequestIn<E> extends undefined
    ? () => Promise<Result<ResponseIn<E>>>
    : (request: RequestIn<E>) => Promise<Result<ResponseIn<E>>>;
type Listen<T> = (listener: (payload: T) => void) => () => void;

/** The type of `window.api`: domain verbs grouped by noun, and one listener per push. */
export type TidingsApi = {
  [N in Noun]: { [V in VerbsOf<Contract, N>]: Call<Contract['invoke'][N][V]> };
} & {
  [P in PushName as `on${Capitalize<P>}`]: Listen<Contract['push'][P]>;
};

/** For the type test (tests/shared/contract.type-test.ts): contracts other than the app's. */
export { defineContract, type ContractShape };

export type {
  FeedInput,
  FeedOptions,
  HeaderInput,
  MarkReadRequest,
  MessageQuery,
  ServerOptionsInput,
  SettingsPatch,
} from './schemas';
