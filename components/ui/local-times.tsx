'use client';

import { useEffect } from 'react';
import { localText } from './time';

/** The instant each `<time>` was last localized for: React may reuse the element for another. */
const localized = new WeakMap<HTMLTimeElement, string>();

/**
 * Writes every `<time data-localize>` (components/ui/time.tsx) in the viewer's time zone: once
 * after the page hydrates, then whenever the document changes (a client-side navigation, a
 * streamed part of the page, a refresh that changes an instant). One client component for the
 * whole app instead of one per time (decision 027). The text is written in slices of a few
 * milliseconds, so that no page's times, however many, make one long task.
 */
export function LocalTimes() {
  useEffect(() => {
    let stale = true; // the document changed since the last look for times to localize
    let queue: HTMLTimeElement[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(flush, 0);
    };
    function flush() {
      timer = null;
      if (stale) {
        stale = false;
        queue = [...document.querySelectorAll<HTMLTimeElement>('time[data-localize]')].filter((el) => localized.get(el) !== el.dateTime);
      }
      const until = performance.now() + 8;
      while (queue.length && performance.now() < until) {
        const el = queue.shift()!;
        const date = new Date(el.dateTime);
        if (!el.isConnected || Number.isNaN(date.getTime())) continue;
        const text = localText(date, el.dataset.localize === 'date' ? 'date' : 'datetime');
        // The text node's value, not textContent: replacing the node would be a childList mutation.
        if (el.childNodes.length === 1 && el.firstChild!.nodeType === Node.TEXT_NODE) el.firstChild!.nodeValue = text;
        else el.textContent = text;
        el.setAttribute('data-local', '');
        localized.set(el, el.dateTime);
      }
      if (queue.length) schedule();
    }
    // Its own writes (a text node's value, data-local) are not what it observes: they do not wake it.
    const observer = new MutationObserver(() => {
      stale = true;
      schedule();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['datetime'] });
    schedule();
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return null;
}
