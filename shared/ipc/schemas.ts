/**
 * The zod vocabulary of requests: the contract (contract.ts) picks or builds each channel's request schema from
 * this module, main validates every request with it before a handler runs, and the renderer reuses the field
 * rules for its forms. The preload must not import this file (type imports are fine).
 * A rule's message is a problem kind (shared/problem.ts), never words: the window translates it.
 */
import { z } from 'zod';
import { checkHttpUrl, FEED_COLOURS, HEADER_NAME, IDLE_TIMEOUT_SEC } from '../rules';

export { z };
import { PROFILE_IDS, PUBLISH_METHODS } from '../message-fields';

const MAX_NAME = 200;
const MAX_LIST = 200;

export const httpUrl = z
  .string()
  .trim()
  .min(1, 'urlRequired')
  .max(4096)
  .transform((value, ctx) => {
    const checked = checkHttpUrl(value);
    if (checked.ok) return checked.href;
    // Only the parameterless kinds travel as a message; a scheme is a `url` problem for a form field.
    ctx.addIssue({ code: 'custom', message: checked.problem.kind === 'urlCredentials' ? 'urlCredentials' : 'url' });
    return z.NEVER;
  });

/** RFC 7230 token: what a header name may be. */
export const headerName = z.string().trim().min(1, 'required').max(256).regex(HEADER_NAME, 'headerName');

export const headerInput = z.object({
  name: headerName,
  /** null keeps the value already stored (for secret headers the renderer never saw). */
  value: z
    .string()
    .max(16_384)
    .refine((v) => !/[\r\n\0]/.test(v), 'headerValue')
    .nullable(),
  secret: z.boolean(),
  /** Marks a header exported without its value (a secret): stored without one, and the feed asks for it. */
  needsValue: z.boolean().optional(),
});

export const notificationRule = z.object({
  mode: z.enum(['off', 'all', 'types']),
  sound: z.enum(['default', 'none']).optional(),
  types: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  include: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  exclude: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  minPriority: z.literal([1, 2, 3, 4, 5]).optional(),
});

export const feedName = z.string().trim().max(MAX_NAME);

const templateText = z.string().max(65_536);
/** Where the composer publishes (shared/message-fields.ts PublishTargetSetting). */
export const publishTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ntfy'),
    url: httpUrl,
    title: z.string().trim().max(MAX_NAME).optional(),
    priority: z.literal([1, 2, 3, 4, 5]).optional(),
    tags: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST).optional(),
  }),
  z.object({
    kind: z.literal('mercure'),
    url: httpUrl,
    topics: z.array(z.string().trim().min(1).max(4096)).min(1, 'required').max(MAX_LIST),
    private: z.boolean(),
  }),
  z.object({ kind: z.literal('nchan'), url: httpUrl }),
  z.object({
    kind: z.literal('generic'),
    method: z.enum(PUBLISH_METHODS),
    url: httpUrl,
    contentType: z
      .string()
      .trim()
      .min(1, 'required')
      .max(200)
      .refine((v) => !/[\r\n\0]/.test(v), 'headerValue'),
    bodyTemplate: templateText,
  }),
]);

export const serverOptionsInput = z.object({
  firstSince: z.enum(['none', '10m', 'all']).optional(),
  authInQuery: z.boolean().optional(),
  /** Absent: the profile's default; null: no publishing. */
  publish: publishTarget.nullable().optional(),
  /** Mercure's publisher token: absent or null keeps the stored one, '' removes it. */
  publishToken: z
    .string()
    .max(16_384)
    .refine((v) => !/[\r\n\0]/.test(v), 'headerValue')
    .nullable()
    .optional(),
});

export const feedInput = z.object({
  name: feedName,
  url: httpUrl,
  headers: z.array(headerInput).max(64),
  eventTypes: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  notify: notificationRule,
  idleTimeoutSec: z.number().int().min(IDLE_TIMEOUT_SEC.min).max(IDLE_TIMEOUT_SEC.max),
  enabled: z.boolean(),
  /** The feed's server profile; absent: 'auto' (detected from the URL and the first events). */
  profile: z.enum(['auto', ...PROFILE_IDS]).optional(),
  /** Server options (ntfy's first subscribe, credentials in the query, the publish target); absent: defaults. */
  server: serverOptionsInput.optional(),
  /** A CA certificate (PEM) trusted for this feed only; null or absent: the system's trusted certificates. */
  trustedCa: z
    .string()
    .trim()
    .max(65_536)
    .regex(
      /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/,
      'Paste a PEM certificate (BEGIN/END CERTIFICATE)',
    )
    .nullable()
    .optional(),
  /** Stored and listed, never notified, not in the tray's count. */
  muted: z.boolean().optional(),
  /** False: the feed's messages arrive read. Absent: true. */
  countUnread: z.boolean().optional(),
  /** A colour of the palette; null or absent: chosen automatically. */
  colour: z.enum(FEED_COLOURS).nullable().optional(),
});

export const feedId = z.string().min(1).max(64);
/** The sidebar menu's switches: mute, count as unread, colour (the rest of the feed unchanged). */
export const feedOptions = z.object({
  id: feedId,
  muted: z.boolean().optional(),
  countUnread: z.boolean().optional(),
  colour: z.enum(FEED_COLOURS).nullable().optional(),
});
/** A channel that takes no request. */
export const none = z.undefined();
export const byFeedId = z.object({ id: feedId });
/** The composer: one message to send to a feed's server. */
export const publishRequest = z.object({
  id: feedId,
  text: z.string().min(1).max(65_536),
  /** ntfy only: this message's title and priority instead of the target's defaults. */
  title: z.string().trim().min(1).max(MAX_NAME).optional(),
  priority: z.literal([1, 2, 3, 4, 5]).optional(),
});
export const messageId = z.number().int().positive();
/** A message's action or attachment, by its index in the message's fields (main looks it up: never trusted from here). */
export const messageAction = z.object({ id: messageId, action: z.number().int().min(0).max(63) });
export const messageAttachment = z.object({ id: messageId, attachment: z.number().int().min(0).max(63) });

export const messageQuery = z.object({
  text: z.string().max(500).optional(),
  feedId: feedId.optional(),
  type: z.string().max(MAX_NAME).optional(),
  unread: z.boolean().optional(),
  starred: z.boolean().optional(),
  /** Only messages of at least this priority (none stated counts as 3). */
  minPriority: z.literal([1, 2, 3, 4, 5]).optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  cursor: z.string().max(200).nullable().optional(),
  /** Older pages below this message id (any message's id; the window's oldest row). */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'timeOfDay');

export const settingsPatch = z
  .object({
    dnd: z.object({
      mode: z.enum(['off', 'until', 'quiet-hours']),
      until: z.number().int().nonnegative().nullable(),
      quietStart: hhmm,
      quietEnd: hhmm,
    }),
    digestThreshold: z.number().int().min(1).max(1000),
    retention: z.object({
      maxPerFeed: z.number().int().min(100).max(10_000_000),
      maxAgeDays: z.number().int().min(1).max(36_500),
    }),
    startAtLogin: z.boolean(),
    closeToTray: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    language: z.enum(['system', 'en', 'zh-CN']),
  })
  .partial()
  .strict();

export const markReadRequest = z.union([
  z.object({ ids: z.array(messageId).min(1).max(10_000) }),
  z.object({ feedId }),
  z.object({ all: z.literal(true) }),
]);

/** The most messages one "mark all read" of a view marks (and its undo gives back). */
export const MARK_VIEW_MAX = 200_000;
/** Messages to delete or star: at most 10,000 at once. */
export const messageIds = z.object({ ids: z.array(messageId).min(1).max(10_000) });
/** Undoing "mark all read" gives back every id it marked. */
export const markUnreadRequest = z.object({ ids: z.array(messageId).min(1).max(MARK_VIEW_MAX) });
export const starRequest = z.object({ ids: z.array(messageId).min(1).max(10_000), starred: z.boolean() });

export type FeedInput = z.infer<typeof feedInput>;
export type FeedOptions = z.infer<typeof feedOptions>;
export type HeaderInput = z.infer<typeof headerInput>;
export type MessageQuery = z.infer<typeof messageQuery>;
export type SettingsPatch = z.infer<typeof settingsPatch>;
export type ServerOptionsInput = z.infer<typeof serverOptionsInput>;
export type MarkReadRequest = z.infer<typeof markReadRequest>;
