import { useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConnectionTest, Feed, NotifyMode, NotifySound } from '../../../shared/domain';
import type { ResultError } from '../../../shared/result';
import type { FeedInput } from '../../../shared/ipc/contract';
import { DEFAULT_PRIORITY, PROFILE_IDS, type Priority, type ProfileSetting } from '../../../shared/message-fields';
import { feedInput, headerName, httpUrl } from '../../../shared/ipc/schemas';
import { FEED_COLOURS, FEED_DEFAULTS, IDLE_TIMEOUT_SEC, type FeedColour } from '../../../shared/rules';
import { autoFeedColour } from '../lib/feed-colour';
import { errorText, fieldErrors } from '../lib/reasons';
import { suggestFeedUrl } from '../lib/url';
import { looksSecret, parseCurl } from '../lib/curl';
import { useStore } from '../store';
import { PriorityOptions } from './MessageFields';
import { ConnectionTestResult } from './ConnectionTestResult';
import { Dialog } from './Dialog';
import { TestNotificationButton } from './TestNotification';
import { Icon } from './Icon';
import { FeedServerSection, toServerForm, toServerInput, type ServerForm } from './FeedServerSection';

interface HeaderRow {
  key: number;
  name: string;
  value: string;
  secret: boolean;
  /** A secret already stored in main: its value never comes back; empty input keeps it. */
  stored: boolean;
  /** Imported without its value (the export left the secret out): it must be entered. */
  needsValue?: boolean;
}

interface Form {
  url: string;
  name: string;
  headers: HeaderRow[];
  eventTypes: string;
  mode: NotifyMode;
  sound: NotifySound;
  types: string;
  include: string;
  exclude: string;
  idleTimeoutSec: string;
  enabled: boolean;
  trustedCa: string;
  profile: ProfileSetting;
  minPriority: Priority;
  muted: boolean;
  countUnread: boolean;
  /** null: chosen automatically. */
  colour: FeedColour | null;
  server: ServerForm;
}

type Errors = Partial<Record<'url' | 'idle' | 'ca' | 'server' | 'form', string>> & {
  headers?: Record<number, string>;
};

let rowKey = 0;
const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function toForm(feed: Feed | undefined): Form {
  return {
    url: feed?.url ?? '',
    name: feed?.name ?? '',
    headers: (feed?.headers ?? []).map((h) => ({
      key: ++rowKey,
      name: h.name,
      value: h.value ?? '',
      secret: h.secret,
      // A header imported without its value has none stored: the editor asks for it.
      stored: h.secret && h.value === null && !h.needsValue,
      needsValue: h.needsValue === true,
    })),
    eventTypes: feed?.eventTypes.join(', ') ?? '',
    mode: feed?.notify.mode ?? FEED_DEFAULTS.notify.mode,
    sound: feed?.notify.sound ?? 'default',
    types: feed?.notify.types.join(', ') ?? '',
    include: feed?.notify.include.join(', ') ?? '',
    exclude: feed?.notify.exclude.join(', ') ?? '',
    idleTimeoutSec: String(feed?.idleTimeoutSec ?? FEED_DEFAULTS.idleTimeoutSec),
    enabled: feed?.enabled ?? FEED_DEFAULTS.enabled,
    trustedCa: feed?.trustedCa ?? '',
    profile: feed?.profile ?? 'auto',
    minPriority: feed?.notify.minPriority ?? DEFAULT_PRIORITY,
    muted: feed?.muted === true,
    countUnread: feed?.countUnread !== false,
    colour: feed?.colour ?? null,
    server: toServerForm(feed),
  };
}

function toInput(form: Form): FeedInput {
  return {
    url: form.url.trim(),
    name: form.name.trim(),
    headers: form.headers
      .filter((h) => h.name.trim() !== '' || h.value !== '')
      .map((h) => ({
        name: h.name.trim(),
        value: h.stored && h.value === '' ? null : h.value,
        secret: h.secret,
      })),
    eventTypes: list(form.eventTypes),
    notify: {
      mode: form.mode,
      types: list(form.types),
      include: list(form.include),
      exclude: list(form.exclude),
      // Only a choice away from the default is stored.
      ...(form.sound === 'none' ? { sound: 'none' as const } : {}),
      ...(form.minPriority !== DEFAULT_PRIORITY ? { minPriority: form.minPriority } : {}),
    },
    idleTimeoutSec: Number(form.idleTimeoutSec),
    enabled: form.enabled,
    trustedCa: form.trustedCa.trim() || null,
    profile: form.profile,
    muted: form.muted,
    countUnread: form.countUnread,
    colour: form.colour,
    server: toServerInput(form.server),
  };
}

/**
 * Core's refusal, each field problem on its field in the window's language (a duplicate URL on the URL field, a
 * header core refuses on its row); what belongs to no field shown here goes under the form.
 */
function coreErrors(t: TFunction, error: ResultError, form: Form): Errors {
  const out: Errors = {};
  // Header i of the request is the i-th row that is not blank (toInput drops blank rows).
  const rows = form.headers.filter((h) => h.name.trim() !== '' || h.value !== '');
  const rest: string[] = [];
  for (const [path, text] of Object.entries(fieldErrors(t, error))) {
    const header = /^headers\.(\d+)(?:\.|$)/.exec(path);
    const row = header ? rows[Number(header[1])] : undefined;
    if (path === 'url') out.url ??= text;
    else if (path === 'idleTimeoutSec') out.idle ??= text;
    else if (path.startsWith('server.')) out.server ??= text;
    else if (row) out.headers = { ...out.headers, [row.key]: out.headers?.[row.key] ?? text };
    else rest.push(text);
  }
  if (rest.length > 0 || Object.keys(out).length === 0) {
    out.form = t('editor.errors.saveFailed', { message: rest[0] ?? errorText(t, error) });
  }
  return out;
}

/** "Needs a value" on every header row imported without one. */
function needsValueErrors(form: Form, t: TFunction): Errors {
  const rows = form.headers.filter((h) => h.needsValue);
  if (rows.length === 0) return {};
  return { headers: Object.fromEntries(rows.map((h) => [h.key, t('editor.errors.needsValue')])) };
}

/** Add or edit a feed. Validation reuses the contract's schemas, with messages in the UI language. */
/** A labelled one-line text input, with an optional hint tied to it for screen readers. */
function TextField(props: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  onChange(value: string): void;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        value={props.value}
        placeholder={props.placeholder}
        aria-describedby={hintId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint ? (
        <p className="field-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

export function FeedEditor({ feedId }: { feedId: string | null }) {
  const { t } = useTranslation();
  const feed = useStore((s) => (feedId ? s.feeds.find((f) => f.id === feedId) : undefined));
  const { addFeed, updateFeed, removeFeed, closeDialog, setQuery, testConnection } = useStore.getState();
  const [form, setForm] = useState<Form>(() => toForm(feed));
  // Headers left out of an export ask for their value as soon as the editor opens.
  const [errors, setErrors] = useState<Errors>(() => needsValueErrors(form, t));
  /** Headers filled from a pasted curl command (null: none pasted). */
  const [fromCurl, setFromCurl] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<ConnectionTest | null>(null);
  const ids = {
    url: useId(),
    name: useId(),
    types: useId(),
    idle: useId(),
    include: useId(),
    exclude: useId(),
    ntypes: useId(),
    ca: useId(),
    sound: useId(),
    profile: useId(),
    priority: useId(),
    colour: useId(),
    muteHint: useId(),
    countHint: useId(),
  };
  // The colour "Automatic" stands for: what the feed has (or would get) without a choice.
  const autoColour = useStore((s) => (feed ? autoFeedColour(s.feeds, feed.id) : null));

  // A URL that is almost right (no scheme, "htp://") gets a one-click fix under its error.
  const urlSuggestion = errors.url ? suggestFeedUrl(form.url, (u) => httpUrl.safeParse(u).success) : null;

  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));
  const patchHeader = (key: number, p: Partial<HeaderRow>) =>
    setForm((f) => ({ ...f, headers: f.headers.map((h) => (h.key === key ? { ...h, ...p } : h)) }));

  const validate = (input: FeedInput): Errors => {
    const e: Errors = {};
    if (!input.url) e.url = t('editor.errors.urlEmpty');
    else if (!httpUrl.safeParse(input.url).success) e.url = t('editor.errors.urlInvalid');
    const idle = Number(form.idleTimeoutSec);
    if (!Number.isInteger(idle) || idle < IDLE_TIMEOUT_SEC.min || idle > IDLE_TIMEOUT_SEC.max) {
      e.idle = t('editor.errors.idle', { min: IDLE_TIMEOUT_SEC.min, max: IDLE_TIMEOUT_SEC.max });
    }
    if (input.trustedCa && !feedInput.shape.trustedCa.safeParse(input.trustedCa).success) {
      e.ca = t('editor.errors.trustedCa');
    }
    const headerErrors: Record<number, string> = {};
    form.headers.forEach((h) => {
      if (h.name.trim() === '' && h.value === '') return;
      if (!headerName.safeParse(h.name).success) headerErrors[h.key] = t('editor.errors.headerName');
      else if (/[\r\n\0]/.test(h.value)) headerErrors[h.key] = t('editor.errors.headerValue');
      else if (h.secret && !h.stored && h.value === '') headerErrors[h.key] = t('editor.errors.secretEmpty');
      // A stored secret is never shown; turning the switch off must not reveal it, so a new value is needed.
      else if (h.stored && !h.secret && h.value === '') headerErrors[h.key] = t('editor.errors.unsecretNeedsValue');
    });
    if (Object.keys(headerErrors).length > 0) e.headers = headerErrors;
    if (input.server && !feedInput.shape.server.safeParse(input.server).success) e.server = t('editor.server.invalid');
    if (Object.keys(e).length === 0 && !feedInput.safeParse(input).success) e.form = t('editor.errors.generic');
    return e;
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    const input = toInput(form);
    const found = validate(input);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = document.querySelector<HTMLElement>('[data-dialog="feed-editor"] [aria-invalid="true"]');
      first?.focus();
      return;
    }
    setSaving(true);
    const result = feed ? await updateFeed(feed.id, input) : await addFeed(input);
    setSaving(false);
    if (!result.ok) {
      setErrors(coreErrors(t, result.error, form));
      return;
    }
    closeDialog();
    if (!feed) setQuery({ feedId: result.data.id });
  };

  const onTest = async () => {
    const input = toInput(form);
    const found = validate(input);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('[data-dialog="feed-editor"] [aria-invalid="true"]')?.focus();
      return;
    }
    setTested(null);
    setTesting(true);
    const result = await testConnection(input, feed?.id);
    setTesting(false);
    if (!result.ok) {
      setErrors(coreErrors(t, result.error, form));
      return;
    }
    setTested(result.data);
  };

  const onDelete = async () => {
    if (!feed) return;
    setSaving(true);
    const result = await removeFeed(feed.id);
    setSaving(false);
    if (result.ok) closeDialog();
    else setErrors({ form: t('editor.errors.saveFailed', { message: errorText(t, result.error) }) });
  };

  const title = feed ? t('editor.editTitle') : t('editor.addTitle');
  const footer = confirmDelete ? (
    <div className="confirm-row" role="group" aria-label={t('editor.deleteConfirmTitle')}>
      <p>{t('editor.deleteConfirm', { name: feed?.name || feed?.url })}</p>
      <span className="spacer" />
      <button type="button" className="button" onClick={() => setConfirmDelete(false)} autoFocus>
        {t('common.cancel')}
      </button>
      <button type="button" className="button danger" onClick={() => void onDelete()} disabled={saving}>
        {t('editor.deleteConfirmButton')}
      </button>
    </div>
  ) : (
    <>
      {feed ? (
        <button type="button" className="button danger-quiet" onClick={() => setConfirmDelete(true)}>
          {t('editor.delete')}
        </button>
      ) : null}
      <button type="button" className="button" onClick={() => void onTest()} disabled={testing}>
        {t('editor.test.button')}
      </button>
      <span className="spacer" />
      <button type="button" className="button" onClick={closeDialog}>
        {t('common.cancel')}
      </button>
      <button type="submit" form="feed-editor-form" className="button primary" disabled={saving}>
        {feed ? t('common.save') : t('editor.add')}
      </button>
    </>
  );

  return (
    <Dialog title={title} onClose={closeDialog} footer={footer} name="feed-editor" wide>
      <form id="feed-editor-form" className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={ids.url}>{t('editor.url')}</label>
          <input
            id={ids.url}
            type="url"
            value={form.url}
            placeholder="https://example.com/events"
            data-autofocus
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? `${ids.url}-err` : `${ids.url}-hint`}
            onChange={(e) => {
              patch({ url: e.target.value });
              setTested(null);
            }}
            onPaste={(e) => {
              // A pasted `curl -N -H 'Authorization: …' URL` fills the URL and the headers.
              const curl = parseCurl(e.clipboardData.getData('text/plain'));
              if (!curl) return;
              e.preventDefault();
              setForm((f) => ({
                ...f,
                url: curl.url,
                headers: [
                  ...f.headers.filter((h) => h.name.trim() || h.value.trim()),
                  ...curl.headers.map((h) => ({
                    key: ++rowKey,
                    name: h.name,
                    value: h.value,
                    secret: looksSecret(h.name),
                    stored: false,
                  })),
                ],
              }));
              setFromCurl(curl.headers.length);
            }}
          />
          {errors.url ? (
            <>
              <p className="field-error" id={`${ids.url}-err`} role="alert">
                {errors.url}
              </p>
              {urlSuggestion ? (
                <p className="field-suggestion">
                  {t('editor.didYouMean')}{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      patch({ url: urlSuggestion });
                      setErrors(({ url: _gone, ...rest }) => rest);
                      document.getElementById(ids.url)?.focus();
                    }}
                  >
                    {urlSuggestion}
                  </button>
                </p>
              ) : null}
            </>
          ) : (
            <p className="field-hint" id={`${ids.url}-hint`} role={fromCurl === null ? undefined : 'status'}>
              {fromCurl === null ? t('editor.urlHint') : t('editor.fromCurl', { count: fromCurl })}
            </p>
          )}
        </div>
        <ConnectionTestResult result={tested} testing={testing} />
        <TextField
          id={ids.name}
          label={t('editor.name')}
          value={form.name}
          placeholder={t('editor.namePlaceholder')}
          onChange={(name) => patch({ name })}
        />

        <fieldset className="fieldset">
          <legend>{t('editor.inTheList')}</legend>
          <div className="field">
            <span className="label" id={ids.colour}>
              {t('editor.colour')}
            </span>
            <div className="colour-picker" role="radiogroup" aria-labelledby={ids.colour}>
              <label className="colour-choice auto" title={t('editor.colourAuto')}>
                <input
                  type="radio"
                  name="feed-colour"
                  value=""
                  checked={form.colour === null}
                  onChange={() => patch({ colour: null })}
                />
                <span
                  className="swatch"
                  style={autoColour ? { background: autoColour } : undefined}
                  aria-hidden="true"
                />
                <span>{t('editor.colourAuto')}</span>
              </label>
              {FEED_COLOURS.map((colour, i) => (
                <label key={colour} className="colour-choice" title={t(`editor.colours.c${i}`)}>
                  <input
                    type="radio"
                    name="feed-colour"
                    value={colour}
                    checked={form.colour === colour}
                    aria-label={t(`editor.colours.c${i}`)}
                    onChange={() => patch({ colour })}
                  />
                  <span className="swatch" style={{ background: colour }} aria-hidden="true" />
                </label>
              ))}
            </div>
          </div>
          <label className="switch big">
            <input
              type="checkbox"
              checked={form.muted}
              aria-describedby={ids.muteHint}
              onChange={(e) => patch({ muted: e.target.checked })}
            />
            <span>{t('editor.mute')}</span>
          </label>
          <p className="field-hint" id={ids.muteHint}>
            {t('editor.muteHint')}
          </p>
          <label className="switch big">
            <input
              type="checkbox"
              checked={form.countUnread}
              aria-describedby={ids.countHint}
              onChange={(e) => patch({ countUnread: e.target.checked })}
            />
            <span>{t('editor.countUnread')}</span>
          </label>
          <p className="field-hint" id={ids.countHint}>
            {t('editor.countUnreadHint')}
          </p>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('editor.headers')}</legend>
          {form.headers.length === 0 ? <p className="field-hint">{t('editor.headersHint')}</p> : null}
          {form.headers.map((h, i) => (
            <div className="header-row" key={h.key} data-header-row={i}>
              <input
                type="text"
                value={h.name}
                placeholder={t('editor.headerName')}
                aria-label={t('editor.headerNameN', { n: i + 1 })}
                aria-invalid={errors.headers?.[h.key] ? true : undefined}
                onChange={(e) => patchHeader(h.key, { name: e.target.value })}
              />
              <input
                type={h.secret ? 'password' : 'text'}
                value={h.value}
                autoComplete="off"
                placeholder={h.stored ? t('editor.secretStored') : t('editor.headerValue')}
                aria-label={t('editor.headerValueN', { n: i + 1 })}
                aria-invalid={errors.headers?.[h.key] && h.needsValue ? true : undefined}
                onChange={(e) => patchHeader(h.key, { value: e.target.value })}
              />
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={h.secret}
                  onChange={(e) => patchHeader(h.key, { secret: e.target.checked })}
                  aria-label={t('editor.secretN', { n: i + 1 })}
                />
                <span aria-hidden="true">{t('editor.secret')}</span>
              </label>
              <button
                type="button"
                className="icon-button"
                onClick={() => setForm((f) => ({ ...f, headers: f.headers.filter((x) => x.key !== h.key) }))}
                aria-label={t('editor.removeHeaderN', { n: i + 1 })}
                title={t('editor.removeHeader')}
              >
                <Icon name="close" />
              </button>
              {errors.headers?.[h.key] ? (
                <p className="field-error" role="alert">
                  {errors.headers[h.key]}
                </p>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="button small"
            onClick={() =>
              setForm((f) => ({
                ...f,
                headers: [...f.headers, { key: ++rowKey, name: '', value: '', secret: false, stored: false }],
              }))
            }
          >
            {t('editor.addHeader')}
          </button>
        </fieldset>

        <div className="field">
          <label htmlFor={ids.profile}>{t('editor.profile')}</label>
          <select
            id={ids.profile}
            value={form.profile}
            aria-describedby={`${ids.profile}-hint`}
            onChange={(e) => patch({ profile: e.target.value as ProfileSetting })}
          >
            {(['auto', ...PROFILE_IDS] as const).map((id) => (
              <option key={id} value={id}>
                {t(`editor.profiles.${id}`)}
              </option>
            ))}
          </select>
          <p className="field-hint" id={`${ids.profile}-hint`}>
            {t('editor.profileHint')}
          </p>
        </div>

        <FeedServerSection
          value={form.server}
          onChange={(p) => setForm((f) => ({ ...f, server: { ...f.server, ...p } }))}
          feedUrl={form.url}
          profile={form.profile}
          error={errors.server}
        />

        <TextField
          id={ids.types}
          label={t('editor.eventTypes')}
          value={form.eventTypes}
          placeholder={t('editor.eventTypesPlaceholder')}
          hint={t('editor.eventTypesHint')}
          onChange={(eventTypes) => patch({ eventTypes })}
        />

        <fieldset className="fieldset">
          <legend>{t('editor.notifications')}</legend>
          <div className="radio-group" role="radiogroup" aria-label={t('editor.notifications')}>
            {(['off', 'all', 'types'] as const).map((mode) => (
              <label key={mode} className="radio">
                <input
                  type="radio"
                  name="notify-mode"
                  value={mode}
                  checked={form.mode === mode}
                  onChange={() => patch({ mode })}
                />
                <span>{t(`editor.notify.${mode}`)}</span>
              </label>
            ))}
          </div>
          {form.mode === 'types' ? (
            <TextField
              id={ids.ntypes}
              label={t('editor.notifyTypes')}
              value={form.types}
              onChange={(types) => patch({ types })}
            />
          ) : null}
          {form.mode !== 'off' ? (
            <div className="field">
              <label htmlFor={ids.priority}>{t('editor.minPriority')}</label>
              <select
                id={ids.priority}
                value={form.minPriority}
                onChange={(e) => patch({ minPriority: Number(e.target.value) as Priority })}
              >
                <PriorityOptions />
              </select>
            </div>
          ) : null}
          {form.mode !== 'off' ? (
            <div className="field-pair">
              <TextField
                id={ids.include}
                label={t('editor.include')}
                value={form.include}
                placeholder={t('editor.keywordsPlaceholder')}
                onChange={(include) => patch({ include })}
              />
              <TextField
                id={ids.exclude}
                label={t('editor.exclude')}
                value={form.exclude}
                placeholder={t('editor.keywordsPlaceholder')}
                onChange={(exclude) => patch({ exclude })}
              />
            </div>
          ) : null}
          {form.mode !== 'off' ? (
            <div className="field">
              <label htmlFor={ids.sound}>{t('editor.sound')}</label>
              <select
                id={ids.sound}
                value={form.sound}
                onChange={(e) => patch({ sound: e.target.value as NotifySound })}
              >
                <option value="default">{t('editor.soundDefault')}</option>
                <option value="none">{t('editor.soundNone')}</option>
              </select>
            </div>
          ) : null}
          {feed ? <TestNotificationButton feedId={feed.id} /> : null}
        </fieldset>

        <div className="field-pair">
          <div className="field">
            <label htmlFor={ids.idle}>{t('editor.idleTimeout')}</label>
            <input
              id={ids.idle}
              type="number"
              min={IDLE_TIMEOUT_SEC.min}
              max={IDLE_TIMEOUT_SEC.max}
              value={form.idleTimeoutSec}
              aria-invalid={errors.idle ? true : undefined}
              aria-describedby={`${ids.idle}-hint`}
              onChange={(e) => patch({ idleTimeoutSec: e.target.value })}
            />
            <p className={errors.idle ? 'field-error' : 'field-hint'} id={`${ids.idle}-hint`}>
              {errors.idle ?? t('editor.idleTimeoutHint')}
            </p>
          </div>
          <div className="field">
            <span className="label">{t('editor.status')}</span>
            <label className="switch big">
              <input
                type="checkbox"
                role="switch"
                checked={form.enabled}
                onChange={(e) => patch({ enabled: e.target.checked })}
              />
              <span>{t('editor.enabled')}</span>
            </label>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.ca}>{t('editor.trustedCa')}</label>
          <textarea
            id={ids.ca}
            rows={3}
            spellCheck={false}
            value={form.trustedCa}
            placeholder="-----BEGIN CERTIFICATE-----"
            aria-invalid={errors.ca ? true : undefined}
            aria-describedby={`${ids.ca}-hint`}
            onChange={(e) => patch({ trustedCa: e.target.value })}
          />
          <p className={errors.ca ? 'field-error' : 'field-hint'} id={`${ids.ca}-hint`}>
            {errors.ca ?? t('editor.trustedCaHint')}
          </p>
        </div>
        {errors.form ? (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
