import { useEffect, type RefObject } from 'react';

/**
 * Marks a scrolling element with `data-more-above` / `data-more-below` ("true" / "false") so CSS can show that it
 * scrolls: a list cut off at its edge gives no other sign that more is hidden.
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      el.dataset.moreAbove = String(el.scrollTop > 1);
      el.dataset.moreBelow = String(el.scrollTop + el.clientHeight < el.scrollHeight - 1);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    const mutations = new MutationObserver(update);
    mutations.observe(el, { childList: true });
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
}
