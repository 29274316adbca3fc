/**
 * One zod schema per invoke request. Main validates every request with these before a handler runs;
 * the renderer may reuse them for form validation. The preload must not import this file.
 */
import { z } from 'zod';
import { invoke, type InvokeChannel } from './channels';
import { PROFILE_IDS } from '../message-fields';

const MAX_NAME = 200;
const MAX_LIST = 200;

export const httpUrl = z
  .string()
  .trim()
  .min(1, 'Enter a feed URL')
  .max(4096, 'URL is too long')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Enter an http:// or https:// URL');

/** RFC 7230 token: what a header name may be. */
export const headerName = z
  .string()
  .trim()
  .min(1, 'Header name is empty')
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Header name has characters HTTP does not allow');

export const headerInput = z.object({
  name: headerName,
  /** null keeps the value already stored (for secret headers the renderer never saw). */
  value: z
    .string()
    .max(16_384)
    .refine((v) => !/[\r\n\0]/.test(v), 'Header value must not contain line breaks')
    .nullable(),
  secret: z.boolean(),
});

export const notificationRule = z.object({
  mode: z.enum(['off', 'all', 'types']),
  types: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  include: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  exclude: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  minPriority: z.literal([1, 2, 3, 4, 5]).optional(),
});

export const feedInput = z.object({
  name: z.string().trim().max(MAX_NAME),
  url: httpUrl,
  headers: z.array(headerInput).max(64),
  eventTypes: z.array(z.string().trim().min(1).max(MAX_NAME)).max(MAX_LIST),
  notify: notificationRule,
  idleTimeoutSec: z.number().int().min(5).max(3600),
  enabled: z.boolean(),
  /** The feed's server profile; absent: 'auto' (detected from the URL and the first events). */
  profile: z.enum(['auto', ...PROFILE_IDS]).optional(),
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
});

const feedId = z.string().min(1).max(64);
const none = z.undefined();

export const messageQuery = z.object({
  text: z.string().max(500).optional(),
  feedId: feedId.optional(),
  type: z.string().max(MAX_NAME).optional(),
  unread: z.boolean().optional(),
  starred: z.boolean().optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  cursor: z.string().max(200).nullable().optional(),
  /** Older pages below this message id (any message's id; the window's oldest row). */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');

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

export const requestSchemas = {
  [invoke.appSnapshot]: none,
  [invoke.appDiagnostics]: none,
  [invoke.appOpenLogs]: none,
  [invoke.appOpenExternal]: z.object({ url: z.string().max(8192) }),
  [invoke.feedsAdd]: feedInput,
  [invoke.feedsUpdate]: z.object({ id: feedId, input: feedInput }),
  [invoke.feedsRemove]: z.object({ id: feedId }),
  [invoke.feedsReconnect]: z.object({ id: feedId }),
  [invoke.feedsPauseAll]: none,
  [invoke.feedsResumeAll]: none,
  [invoke.feedsReconnectAll]: none,
  [invoke.feedsDiagnostics]: z.object({ id: feedId }),
  [invoke.feedsExport]: z.object({ includeSecrets: z.boolean() }),
  [invoke.feedsImport]: z.object({ json: z.string().max(5_000_000) }),
  [invoke.messagesList]: messageQuery,
  [invoke.messagesGet]: z.object({ id: z.number().int().positive() }),
  [invoke.messagesMarkRead]: z.union([
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }),
    z.object({ feedId }),
    z.object({ all: z.literal(true) }),
  ]),
  [invoke.settingsGet]: none,
  [invoke.settingsUpdate]: settingsPatch,
} satisfies Record<InvokeChannel, z.ZodType>;

export type FeedInput = z.infer<typeof feedInput>;
export type HeaderInput = z.infer<typeof headerInput>;
export type MessageQuery = z.infer<typeof messageQuery>;
export type SettingsPatch = z.infer<typeof settingsPatch>;
export type MarkReadRequest = z.infer<(typeof requestSchemas)[typeof invoke.messagesMarkRead]>;
