/**
 * Type test, checked by `npm run typecheck` (never run): the contract is the one place a channel is written, and
 * what is derived from it is typed — not `any`. Each `@ts-expect-error` fails the type-check if the line under it
 * ever compiles.
 */
import type { Feed, Settings } from '../../shared/domain';
import {
  contract,
  defineContract,
  returns,
  type ApiHandlers,
  type FeedInput,
  type invoke,
  type push,
  type HandlersOf,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
  type TidingsApi,
} from '../../shared/ipc/contract';
import { ok } from '../../shared/result';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// ---- a channel added to the contract… ----
export const withRename = defineContract({
  ...contract,
  invoke: {
    ...contract.invoke,
    feeds: {
      ...contract.invoke.feeds,
      rename: {
        request: (s) => s.z.object({ id: s.feedId, name: s.feedName }),
        response: returns<Feed>(),
      },
    },
  },
});

declare const appHandlers: ApiHandlers;
declare const someFeed: Feed;

// …without a handler, the handler table does not compile:
// @ts-expect-error Property 'tidings:feeds:rename' is missing
export const missingHandler: HandlersOf<typeof withRename> = appHandlers;

// …with one, it does, and the handler's request is typed from the schema:
export const withHandler: HandlersOf<typeof withRename> = {
  ...appHandlers,
  'tidings:feeds:rename': async ({ id, name }) => ok({ ...someFeed, id, name }),
};

// A handler answering the wrong type does not compile either.
export const wrongResponse: HandlersOf<typeof withRename> = {
  ...appHandlers,
  // @ts-expect-error a rename answers a Feed, not a number
  'tidings:feeds:rename': async () => ok(1),
};

// ---- the derived names and types ----
export type Checks = [
  Expect<Equal<typeof invoke.feedsAdd, 'tidings:feeds:add'>>,
  Expect<Equal<typeof invoke.appOpenExternal, 'tidings:app:open-external'>>,
  Expect<Equal<typeof push.feedStatus, 'tidings:push:feed-status'>>,
  Expect<Equal<RequestOf<'tidings:feeds:add'>, FeedInput>>,
  Expect<Equal<ResponseOf<'tidings:feeds:add'>, Feed>>,
  Expect<Equal<RequestOf<'tidings:app:snapshot'>, undefined>>,
  Expect<Equal<PayloadOf<'tidings:push:settings'>, Settings>>,
  Expect<Equal<Parameters<TidingsApi['feeds']['remove']>, [request: { id: string }]>>,
  Expect<Equal<Parameters<TidingsApi['app']['snapshot']>, []>>,
  Expect<Equal<Parameters<Parameters<TidingsApi['onSettings']>[0]>, [payload: Settings]>>,
];

declare const api: TidingsApi;
// @ts-expect-error a feed id is a string
void api.feeds.remove({ id: 1 });
// @ts-expect-error no such verb
void api.feeds.rename;
