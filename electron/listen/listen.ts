/**
 * Headless listener: the feed engine without Electron, for servers, scripts and debugging a feed. One of core's
 * three hosts (with the app, electron/main/index.ts, and the browser test harness): it imports core's public
 * surface (electron/main/core/index.ts) and nothing of the platform layer.
 *
 *   npm run listen -- <url> [<url> …] [--header "Name: value"]… [--last-event-id ID] [--idle-timeout SECONDS]
 *                     [--db FILE] [--count N] [--quiet]
 *
 * stdout, one JSON object per line:
 *   per event         {"feed","type","id","data","receivedAt","backfill"}   (receivedAt: ISO 8601; id null if none)
 *                     plus "title","body","priority","tags","link" when the feed's server profile read them
 *   per state change  {"feed","state","reason","retryInMs"}                 (retryInMs null unless a retry is due)
 * With --quiet only one final summary line is printed: {"events","feeds","reconnects","seconds","eventsPerSecond"}.
 * --header applies to every URL and may be repeated; --last-event-id is the starting cursor of every feed.
 * --db FILE also stores every event in that SQLite database (Tidings' own schema, duplicates dropped), and resumes
 * from the cursors stored there when --last-event-id is not given. The file is opened as the app opens its own:
 * a damaged one is moved aside (FILE.corrupt-<time>, said on stderr) and a new one started; a second listener
 * may use the same file.
 * Diagnostics go to stderr. stdout respects backpressure: while a slow reader leaves more than a MiB unread, the
 * feeds' streams are not read on (the servers wait), so memory stays bounded.
 *
 *
 *   npm run listen -- --publish <url> "<text>" [options]   sends one message (core/publish/command.ts) and prints
 *                     one JSON line, {"ok","status","messageId"} or {"ok","failure","status","error"}
 *
 * Exit codes:
 *   0  done: --count reached, or interrupted (SIGINT / SIGTERM); --publish: sent
 *   2  usage error (bad or missing arguments)
 *   3  every feed stopped for good (authentication failed, not found, not an event stream, TLS problem…)
 *   4  --publish: not sent (the server refused it, or could not be reached)
 */
import type { FeedStatus } from '../../shared/domain';
import { reasonEnglish } from '../../shared/reason';
import { checkHttpUrl, IDLE_TIMEOUT_SEC, isHeaderName } from '../../shared/rules';
import {
  createTransport,
  FeedHub,
  FeedProfiles,
  isProfileSetting,
  PROFILE_IDS,
  type ProfileSetting,
  openHeadlessStore,
  parsePublishArgs,
  runPublish,
  PUBLISH_USAGE,
  type ConnectionConfig,
  type FeedEvent,
  type FlowControl,
  type HeadlessStore,
  type Logger,
  type Timers,
} from '../main/core';

export const EXIT_DONE = 0;
export const EXIT_USAGE = 2;
export const EXIT_ALL_STOPPED = 3;

export const USAGE = `Usage: npm run listen -- <url> [<url> …] [options]
  --header "Name: value"   add a request header (repeatable), e.g. --header "Authorization: Bearer …"
  --last-event-id ID       start from this cursor (sent as Last-Event-ID)
  --idle-timeout SECONDS   reconnect when nothing arrives for this long (default 45)
  --db FILE                also store events in this SQLite database
  --count N                exit after N events
  --quiet                  print only a final summary line
  --profile NAME           server profile: auto (default), ${PROFILE_IDS.join(', ')}
  --help                   show this help
Exit codes: 0 done, 2 usage error, 3 all feeds stopped.

${PUBLISH_USAGE}`;

export interface ListenOptions {
  urls: string[];
  headers: Record<string, string>;
  lastEventId: string | null;
  idleTimeoutSec: number;
  db: string | null;
  count: number | null;
  quiet: boolean;
  /** The server profile of every URL ('auto': detected from the URL and the first events). */
  profile: ProfileSetting;
}

export type ParseResult = { ok: true; options: ListenOptions } | { ok: false; help: boolean; message: string };

export function parseArgs(argv: readonly string[]): ParseResult {
  const options: ListenOptions = {
    urls: [],
    headers: {},
    lastEventId: null,
    idleTimeoutSec: IDLE_TIMEOUT_SEC.default,
    db: null,
    count: null,
    quiet: false,
    profile: 'auto',
  };
  const fail = (message: string): ParseResult => ({ ok: false, help: false, message });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (): string | null => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined) return null;
      i++;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        return { ok: false, help: true, message: USAGE };
      case '--profile': {
        const raw = value();
        if (raw === null || !isProfileSetting(raw))
          return fail(`--profile needs one of auto, ${PROFILE_IDS.join(', ')}`);
        options.profile = raw;
        break;
      }
      case '--quiet':
      case '-q':
        options.quiet = true;
        break;
      case '--header':
      case '-H': {
        const raw = value();
        if (raw === null) return fail('--header needs a value like "Name: value"');
        const colon = raw.indexOf(':');
        const headerName = colon === -1 ? '' : raw.slice(0, colon).trim();
        if (!isHeaderName(headerName)) return fail(`invalid --header "${raw}" (expected "Name: value")`);
        options.headers[headerName] = raw.slice(colon + 1).trim();
        break;
      }
      case '--last-event-id': {
        const raw = value();
        if (raw === null) return fail('--last-event-id needs a value');
        options.lastEventId = raw;
        break;
      }
      case '--idle-timeout': {
        const raw = value();
        const seconds = raw === null ? Number.NaN : Number(raw);
        if (!Number.isFinite(seconds) || seconds < 0)
          return fail('--idle-timeout needs a number of seconds (0 disables the watchdog)');
        options.idleTimeoutSec = seconds;
        break;
      }
      case '--db': {
        const raw = value();
        if (raw === null || raw === '') return fail('--db needs a file name');
        options.db = raw;
        break;
      }
      case '--count': {
        const raw = value();
        const n = raw === null ? Number.NaN : Number(raw);
        if (!Number.isInteger(n) || n < 1) return fail('--count needs a whole number of at least 1');
        options.count = n;
        break;
      }
      default: {
        if (arg.startsWith('-')) return fail(`unknown option ${arg}`);
        const checked = checkHttpUrl(arg);
        if (!checked.ok) {
          const kind = checked.problem.kind;
          if (kind === 'urlCredentials') return fail(`a URL with a user name or password (use --header): ${arg}`);
          return fail(kind === 'urlScheme' ? `not an http(s) URL: ${arg}` : `not a URL: ${arg}`);
        }
        if (!options.urls.includes(arg)) options.urls.push(arg);
      }
    }
  }
  if (options.urls.length === 0) return fail('give at least one feed URL');
  return { ok: true, options };
}

const stderrLogger: Logger = {
  debug() {},
  info() {},
  warn(message: string) {
    process.stderr.write(`${message}\n`);
  },
  error(message: string, ...details: unknown[]) {
    process.stderr.write(`${message}${details.length ? ` ${details.map(String).join(' ')}` : ''}\n`);
  },
};

const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

function writeOut(text: string): void {
  if (text) process.stdout.write(text);
}

/** Unread output beyond which the feeds' streams stop being read until stdout drains. */
export const STDOUT_HIGH_WATER = 1024 * 1024;

let drained: Promise<void> | null = null;

/** Null while stdout keeps up; else a promise of its next 'drain'. */
function stdoutCongested(): Promise<void> | null {
  if (process.stdout.writableLength < STDOUT_HIGH_WATER) return null;
  drained ??= new Promise((resolve) =>
    process.stdout.once('drain', () => {
      drained = null;
      resolve();
    }),
  );
  return drained;
}

/**
 * The feeds' streams are read on only while stdout keeps up and the database (--db) is not behind: the hub's flow
 * control. Unread bytes stay in the sockets and the server waits.
 */
function outputFlow(db: HeadlessStore | null): FlowControl {
  return {
    get held() {
      return stdoutCongested() !== null || (db?.flow.held ?? false);
    },
    async released() {
      for (;;) {
        const stdout = stdoutCongested();
        if (stdout) await stdout;
        else if (db?.flow.held) await db.flow.released();
        else return;
      }
    },
  };
}

export async function listen(options: ListenOptions): Promise<number> {
  const clock = { now: () => Date.now() };
  let db: HeadlessStore | null = null;
  if (options.db !== null) {
    try {
      db = openHeadlessStore(options.db, options.urls, { clock, timers: nodeTimers, logger: stderrLogger });
      for (const notice of db.notices) process.stderr.write(`listen: ${notice.message}\n`);
    } catch (error) {
      process.stderr.write(
        `listen: cannot open database ${options.db}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return EXIT_USAGE;
    }
  }

  const hub = new FeedHub({
    transport: createTransport(),
    flow: outputFlow(db),
    clock,
    timers: nodeTimers,
    logger: stderrLogger,
  });
  const started = clock.now();
  let events = 0;
  const perFeed = new Map<string, number>(options.urls.map((url) => [url, 0]));
  const lastPrinted = new Map<string, string>();
  let settle: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (settle = resolve));
  let finished = false;
  const finish = (code: number): void => {
    if (finished) return;
    finished = true;
    settle(code);
  };

  // Control traffic (ntfy keepalives, Nchan pings…) is never printed or stored; messages carry their fields.
  const profiles = new FeedProfiles(clock);
  hub.onEvents((all: FeedEvent[]) => {
    if (finished) return;
    const batch = profiles.process(all);
    let take = batch;
    if (options.count !== null && events + batch.length >= options.count) take = batch.slice(0, options.count - events);
    events += take.length;
    for (const event of take) perFeed.set(event.feedId, (perFeed.get(event.feedId) ?? 0) + 1);
    db?.accept(take);
    if (!options.quiet) {
      let out = '';
      for (const e of take) {
        out += `${JSON.stringify({
          feed: e.feedId,
          type: e.type,
          id: e.eventId,
          data: e.data,
          receivedAt: new Date(e.receivedAt).toISOString(),
          backfill: e.backfill,
          ...(e.truncated ? { truncated: true } : {}),
          ...profileFields(e),
        })}\n`;
      }
      writeOut(out);
    }
    if (options.count !== null && events >= options.count) finish(EXIT_DONE);
  });

  hub.onCursor((move) => {
    if (!finished && profiles.keepsCursorMove(move.feedId)) db?.acceptCursor(move);
  });

  hub.onStatus((status: FeedStatus) => {
    if (finished) return;
    const retryInMs = status.retryAt === null ? null : Math.max(0, status.retryAt - clock.now());
    // A retry attempt starting (reconnecting, no retry time) is not a state change: only the scheduled retry is printed.
    if (status.state === 'reconnecting' && retryInMs === null) return;
    const reason = status.reason ? reasonEnglish(status.reason) : null;
    const key = `${status.state}|${reason ?? ''}|${retryInMs === null ? '' : status.retryAt}`;
    if (lastPrinted.get(status.feedId) === key) return;
    lastPrinted.set(status.feedId, key);
    if (!options.quiet) {
      writeOut(`${JSON.stringify({ feed: status.feedId, state: status.state, reason, retryInMs })}\n`);
    }
    if (status.state === 'stopped' && hub.statuses().every((s) => s.state === 'stopped')) {
      // Let the other listeners see this status first; the hub emits synchronously.
      queueMicrotask(() => finish(EXIT_ALL_STOPPED));
    }
  });

  const onSignal = (): void => finish(EXIT_DONE);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (const url of options.urls) {
    const lastEventId = options.lastEventId ?? db?.cursor(url) ?? null;
    const config: ConnectionConfig = {
      id: url,
      url,
      headers: options.headers,
      eventTypes: [],
      idleTimeoutSec: options.idleTimeoutSec,
      enabled: true,
      lastEventId,
      request: profiles.configure({ id: url, url, headers: options.headers, profile: options.profile }, lastEventId),
    };
    hub.upsert(config);
  }

  const code = await done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const reconnects = hub.statuses().reduce((sum, s) => sum + s.counters.reconnects, 0);
  hub.close();
  await db?.close(); // flushes what ingest still holds
  const stored = db?.stored;
  if (options.quiet) {
    const seconds = (clock.now() - started) / 1000;
    writeOut(
      `${JSON.stringify({
        events,
        feeds: Object.fromEntries(perFeed),
        reconnects,
        seconds: Math.round(seconds * 1000) / 1000,
        eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events,
        ...(stored !== undefined ? { stored } : {}),
        exitCode: code,
      })}\n`,
    );
  }
  return code;
}

/** What the feed's server profile read out of an event, for its JSON line: only the fields it yielded. */
export function profileFields(e: FeedEvent): Record<string, unknown> {
  const f = e.fields;
  if (!f) return {};
  const out: Record<string, unknown> = {};
  if (f.title !== null) out.title = f.title;
  if (f.body !== null) out.body = f.body;
  if (f.priority !== null) out.priority = f.priority;
  if (f.tags.length > 0) out.tags = f.tags.map((tag) => (tag.emoji ? `${tag.emoji} ${tag.name}` : tag.name));
  if (f.link !== null) out.link = f.link;
  return out;
}

/** `--publish URL "text"`: one message through the composer's code, one JSON line, exit 0 (sent), 2 or 4. */
async function publishMain(argv: readonly string[]): Promise<number> {
  const parsed = parsePublishArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`listen: ${parsed.message}\n${PUBLISH_USAGE}\n`);
    return EXIT_USAGE;
  }
  const { result, exitCode } = await runPublish(parsed.command);
  writeOut(`${JSON.stringify(result)}\n`);
  return exitCode;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--publish') {
    const code = await publishMain(argv.slice(1));
    process.stdout.write('', () => process.exit(code));
    return;
  }
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${parsed.message}\n`);
      process.exit(EXIT_DONE);
    }
    process.stderr.write(`listen: ${parsed.message}\n${USAGE}\n`);
    process.exit(EXIT_USAGE);
  }
  const code = await listen(parsed.options);
  // Exit once stdout has drained (pipes can be asynchronous).
  process.stdout.write('', () => process.exit(code));
}

const entry = process.argv[1] ?? '';
if (/(^|[\\/])listen\.(ts|js|mjs)$/.test(entry)) void main();
