import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feed } from '../../../shared/domain';
import type { ServerOptionsInput } from '../../../shared/ipc/contract';
import {
  PUBLISH_METHODS,
  type FirstSince,
  type Priority,
  type ProfileSetting,
  type PublishMethod,
  type PublishTargetSetting,
} from '../../../shared/message-fields';
import { suggestedTarget } from '../../../shared/publish-target';
import { PriorityOptions } from './MessageFields';

type PublishChoice = 'auto' | 'none' | PublishTargetSetting['kind'];
const PUBLISH_CHOICES: readonly PublishChoice[] = ['auto', 'none', 'ntfy', 'mercure', 'nchan', 'generic'];

/** The editor's server section as form fields: strings as typed, turned into the input on save. */
export interface ServerForm {
  firstSince: FirstSince;
  authInQuery: boolean;
  publish: PublishChoice;
  url: string;
  topics: string;
  private: boolean;
  title: string;
  priority: '' | `${Priority}`;
  tags: string;
  method: PublishMethod;
  contentType: string;
  bodyTemplate: string;
  /** A new publisher token; empty keeps the stored one (never shown). */
  token: string;
  tokenStored: boolean;
  removeToken: boolean;
}

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The fields of a target (or blanks), keeping everything else of the form. */
function targetFields(target: PublishTargetSetting | null | undefined): Partial<ServerForm> {
  if (!target) return {};
  const base: Partial<ServerForm> = { url: target.url };
  switch (target.kind) {
    case 'ntfy':
      return {
        ...base,
        title: target.title ?? '',
        priority: target.priority ? (String(target.priority) as ServerForm['priority']) : '',
        tags: (target.tags ?? []).join(', '),
      };
    case 'mercure':
      return { ...base, topics: target.topics.join('\n'), private: target.private };
    case 'nchan':
      return base;
    case 'generic':
      return {
        ...base,
        method: target.method,
        contentType: target.contentType,
        bodyTemplate: target.bodyTemplate,
      };
  }
}

export function toServerForm(feed: Feed | undefined): ServerForm {
  const server = feed?.server;
  const publish = server?.publish;
  return {
    firstSince: server?.firstSince ?? 'none',
    authInQuery: server?.authInQuery ?? false,
    publish: publish === undefined ? 'auto' : publish === null ? 'none' : publish.kind,
    url: '',
    topics: '',
    private: false,
    title: '',
    priority: '',
    tags: '',
    method: 'POST',
    contentType: 'text/plain; charset=utf-8',
    bodyTemplate: '{{text}}',
    token: '',
    tokenStored: server?.hasPublishToken === true,
    removeToken: false,
    ...targetFields(publish),
  };
}

function toTarget(form: ServerForm): PublishTargetSetting | null | undefined {
  const url = form.url.trim();
  switch (form.publish) {
    case 'auto':
      return undefined;
    case 'none':
      return null;
    case 'ntfy':
      return {
        kind: 'ntfy',
        url,
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
        ...(form.priority ? { priority: Number(form.priority) as Priority } : {}),
        ...(list(form.tags).length > 0 ? { tags: list(form.tags) } : {}),
      };
    case 'mercure':
      return { kind: 'mercure', url, topics: list(form.topics), private: form.private };
    case 'nchan':
      return { kind: 'nchan', url };
    case 'generic':
      return {
        kind: 'generic',
        method: form.method,
        url,
        contentType: form.contentType.trim(),
        bodyTemplate: form.bodyTemplate,
      };
  }
}

export function toServerInput(form: ServerForm): ServerOptionsInput {
  const publish = toTarget(form);
  const token = form.removeToken ? '' : form.token.trim() || null;
  return {
    ...(form.firstSince !== 'none' ? { firstSince: form.firstSince } : {}),
    ...(form.authInQuery ? { authInQuery: true } : {}),
    ...(publish !== undefined ? { publish } : {}),
    ...(form.publish === 'mercure' || form.removeToken ? { publishToken: token } : {}),
  };
}

/**
 * The feed editor's server section: ntfy's first subscribe, credentials in the query, and where the composer
 * publishes — automatic (the profile's suggestion for the URL, shown), none, or a target filled in from that
 * suggestion and edited here. The Mercure publisher token is a secret: never shown, empty keeps it.
 */
export function FeedServerSection({
  value,
  onChange,
  feedUrl,
  profile,
  error,
}: {
  value: ServerForm;
  onChange(patch: Partial<ServerForm>): void;
  feedUrl: string;
  /** The profile the form says (or the one the feed's events showed). */
  profile: ProfileSetting;
  /** What is wrong in this section (checked here, or refused by core). */
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const automatic = profile === 'auto' ? null : suggestedTarget(profile, feedUrl.trim());
  const autoText = automatic
    ? t('editor.server.autoTarget', { method: 'POST', url: automatic.url })
    : t('editor.server.autoNone');

  // Each subscribe option only where it means something (or where the feed already has it, so it can be undone):
  // `since` is ntfy's; credentials in the query are ntfy's, Mercure's and Mastodon's. 'auto' may turn out either.
  const showSince = profile === 'auto' || profile === 'ntfy' || value.firstSince !== 'none';
  const showAuthInQuery =
    value.authInQuery || profile === 'auto' || profile === 'ntfy' || profile === 'mercure' || profile === 'mastodon';

  const choose = (publish: PublishChoice): void => {
    const suggestion = publish === 'auto' || publish === 'none' ? null : suggestedTarget(publish, feedUrl.trim());
    // A kind chosen anew starts from what its profile suggests for this URL.
    onChange({ publish, ...(publish !== value.publish ? targetFields(suggestion) : {}) });
  };

  const field = (key: 'url' | 'title' | 'tags' | 'contentType', label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="text"
        value={value[key]}
        spellCheck={false}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
      {hint ? (
        <p className="field-hint" id={`${id}-${key}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <fieldset className="fieldset server-section">
      <legend>{t('editor.server.legend')}</legend>
      <div className="field-pair">
        {showSince ? (
          <div className="field">
            <label htmlFor={`${id}-since`}>{t('editor.server.firstSince')}</label>
            <select
              id={`${id}-since`}
              value={value.firstSince}
              aria-describedby={`${id}-since-hint`}
              onChange={(e) => onChange({ firstSince: e.target.value as FirstSince })}
            >
              {(['none', '10m', 'all'] as const).map((since) => (
                <option key={since} value={since}>
                  {t(`editor.server.since.${since}`)}
                </option>
              ))}
            </select>
            <p className="field-hint" id={`${id}-since-hint`}>
              {t('editor.server.firstSinceHint')}
            </p>
          </div>
        ) : null}
        {showAuthInQuery ? (
          <div className="field">
            <span className="label">{t('editor.server.authInQueryLabel')}</span>
            <div>
              <label className="switch big">
                <input
                  type="checkbox"
                  checked={value.authInQuery}
                  aria-describedby={`${id}-auth-hint`}
                  onChange={(e) => onChange({ authInQuery: e.target.checked })}
                />
                <span>{t('editor.server.authInQuery')}</span>
              </label>
            </div>
            <p className="field-hint" id={`${id}-auth-hint`}>
              {t('editor.server.authInQueryHint')}
            </p>
          </div>
        ) : null}
      </div>

      <div className="field">
        <label htmlFor={`${id}-publish`}>{t('editor.server.publish')}</label>
        <select
          id={`${id}-publish`}
          value={value.publish}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-publish-hint` : `${id}-publish-hint`}
          onChange={(e) => choose(e.target.value as PublishChoice)}
        >
          {PUBLISH_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`editor.server.publishKinds.${choice}`)}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-publish-hint`}>
          {value.publish === 'auto'
            ? autoText
            : t(`editor.server.publishHints.${value.publish}`, { placeholder: '{{text}}' })}
        </p>
      </div>

      {value.publish === 'ntfy' ? (
        <>
          {field('url', t('editor.server.topicUrl'))}
          <div className="field-pair">
            {field('title', t('editor.server.title'))}
            <div className="field">
              <label htmlFor={`${id}-priority`}>{t('editor.server.priority')}</label>
              <select
                id={`${id}-priority`}
                value={value.priority}
                onChange={(e) => onChange({ priority: e.target.value as ServerForm['priority'] })}
              >
                <option value="">{t('editor.server.priorityNone')}</option>
                <PriorityOptions />
              </select>
            </div>
          </div>
          {field('tags', t('editor.server.tags'), t('editor.server.tagsHint'))}
        </>
      ) : null}

      {value.publish === 'mercure' ? (
        <>
          {field('url', t('editor.server.hubUrl'))}
          <div className="field">
            <label htmlFor={`${id}-topics`}>{t('editor.server.topics')}</label>
            <textarea
              id={`${id}-topics`}
              rows={2}
              spellCheck={false}
              value={value.topics}
              onChange={(e) => onChange({ topics: e.target.value })}
            />
          </div>
          <label className="switch big">
            <input type="checkbox" checked={value.private} onChange={(e) => onChange({ private: e.target.checked })} />
            <span>{t('editor.server.private')}</span>
          </label>
          <div className="field">
            <label htmlFor={`${id}-token`}>{t('editor.server.token')}</label>
            <input
              id={`${id}-token`}
              type="password"
              autoComplete="off"
              value={value.token}
              disabled={value.removeToken}
              placeholder={value.tokenStored ? t('editor.server.tokenStored') : ''}
              aria-describedby={`${id}-token-hint`}
              onChange={(e) => onChange({ token: e.target.value })}
            />
            <p className="field-hint" id={`${id}-token-hint`}>
              {t('editor.server.tokenHint')}
            </p>
            {value.tokenStored ? (
              <div>
                <label className="switch big">
                  <input
                    type="checkbox"
                    checked={value.removeToken}
                    onChange={(e) => onChange({ removeToken: e.target.checked, token: '' })}
                  />
                  <span>{t('editor.server.removeToken')}</span>
                </label>
              </div>
            ) : null}
          </div>
        </>
      ) : null}

      {value.publish === 'nchan' ? field('url', t('editor.server.publisherUrl'), t('editor.server.nchanHint')) : null}

      {value.publish === 'generic' ? (
        <>
          <div className="field-pair">
            <div className="field">
              <label htmlFor={`${id}-method`}>{t('editor.server.method')}</label>
              <select
                id={`${id}-method`}
                value={value.method}
                onChange={(e) => onChange({ method: e.target.value as PublishMethod })}
              >
                {PUBLISH_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </div>
            {field('contentType', t('editor.server.contentType'))}
          </div>
          {field('url', t('editor.server.url'))}
          <div className="field">
            <label htmlFor={`${id}-template`}>{t('editor.server.template')}</label>
            <textarea
              id={`${id}-template`}
              rows={3}
              spellCheck={false}
              className="mono"
              value={value.bodyTemplate}
              aria-describedby={`${id}-template-hint`}
              onChange={(e) => onChange({ bodyTemplate: e.target.value })}
            />
            <p className="field-hint" id={`${id}-template-hint`}>
              {t('editor.server.templateHint', { placeholder: '{{text}}' })}
            </p>
          </div>
        </>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
