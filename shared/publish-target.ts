/**
 * The publish target a server profile suggests for a feed URL — what the composer sends to until the user edits
 * it in the feed editor (which shows the same suggestion). Pure URL work, shared by core and the window.
 */
import type { ProfileId, PublishTargetSetting } from './message-fields';
import { isHttpUrl } from './rules';

/** The topic URL (`https://host/a,b`) an ntfy `…/a,b/sse` subscription reads. */
export function ntfyTopicUrl(subscribeUrl: string): string {
  const url = new URL(subscribeUrl);
  url.pathname = url.pathname.replace(/\/(sse|json|raw|ws)$/, '');
  url.search = '';
  return url.href;
}

/** The hub URL and the topic selectors of a Mercure subscription URL. */
export function mercureHub(subscribeUrl: string): { hub: string; topics: string[] } {
  const url = new URL(subscribeUrl);
  const topics = url.searchParams.getAll('topic');
  url.search = '';
  return { hub: url.href, topics };
}

/** The target a profile (or a kind chosen in the editor) suggests for a feed URL; null when it has none. */
export function suggestedTarget(
  kind: ProfileId | PublishTargetSetting['kind'],
  feedUrl: string,
): PublishTargetSetting | null {
  if (!isHttpUrl(feedUrl)) return null;
  switch (kind) {
    case 'ntfy': {
      // `…/a,b/sse` reads several topics; a message goes to the first.
      const topics = new URL(ntfyTopicUrl(feedUrl));
      topics.pathname = topics.pathname.replace(/,.*$/, '');
      return { kind: 'ntfy', url: topics.href };
    }
    case 'mercure': {
      const { hub, topics } = mercureHub(feedUrl);
      return { kind: 'mercure', url: hub, topics: topics.slice(0, 1), private: false };
    }
    case 'nchan':
      // `nchan_pubsub` locations publish where they subscribe; a separate publisher location is set in the editor.
      return { kind: 'nchan', url: feedUrl };
    case 'generic':
      return {
        kind: 'generic',
        method: 'POST',
        url: feedUrl,
        contentType: 'text/plain; charset=utf-8',
        bodyTemplate: '{{text}}',
      };
    default:
      return null;
  }
}
