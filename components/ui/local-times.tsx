'use client';

import { useEffect } from 'react';
import { localText } from './time';

/** The instant each `<time>` was last localized for: React may reuse the element for another. */
const localized = new WeakMap<HTMLTimeElement, string>();

/**
 * Writes every `<time data-localize>` (components/ui/time.tsx) in the viewer's time zone and
 * language: once after the page hydrates, then whenever the document changes (a client-side
 * navigation, a streamed part of the page, a refresh that changes an instant). One client component
 * for the whole app instead of one per time (decision 027). The text is written in slices of a few
 * milliseconds, so that no page's times, however many, make one long task.
 */
export function LocalTimes() {
  useEffect(() => {
    let queue: HTMLTimeElement[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(flush, 0);
    };
    const scan = () => {
      for (const el of document.querySelectorAll<HTMLTimeElement>('time[data-localize]')) {
        if (localized.get(el) !== el.dateTime) queue.push(el);
      }
      if (queue.length) schedule();
    };
    function flush() {
      timer = null;
      const until = performance.now() + 8;
      while (queue.length && performance.now() < until) {
        const el = queue.shift()!;
        const iso = el.dateTime;
        if (!el.isConnected || localized.get(el) === iso) continue;
        const date = new Date(iso);
        if (Number.isNaN(date.getTime())) continue;
        el.textContent = localText(date, el.dataset.localize === 'date' ? 'date' : 'datetime');
        el.setAttribute('data-local', '');
        localized.set(el, iso);
      }
      if (queue.length) schedule();
    }
    let pendingScan = false;
    const observer = new MutationObserver(() => {
      if (pendingScan) return;
      pendingScan = true;
      setTimeout(() => {
        pendingScan = false;
        scan();
      }, 0);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['datetime'] });
    scan();
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
      queue = [];
    };
  }, []);
  return null;
}
