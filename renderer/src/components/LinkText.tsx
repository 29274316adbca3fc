import { linkify } from '../lib/text';
import { useStore } from '../store';

/** Plain text with http(s) URLs as links. Text nodes only: nothing is parsed as HTML. */
export function LinkText({ text }: { text: string }) {
  const openLink = useStore((s) => s.openLink);
  const parts = linkify(text);
  if (parts.length === 1 && parts[0]!.href === null) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.href ? (
          <a
            key={i}
            href={p.href}
            rel="noreferrer noopener"
            onClick={(e) => {
              e.preventDefault();
              openLink(p.href!);
            }}
          >
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
