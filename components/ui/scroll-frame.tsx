'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A box that scrolls sideways when its content is wider (tables on phones). When — and only
 * when — it does, it becomes a focusable, named region so keyboard users can scroll it (WCAG
 * 2.1.1; axe scrollable-region-focusable), without adding a tab stop to every table that fits.
 */
export function ScrollFrame({ children, className, label, fallbackLabel }: { children: ReactNode; className?: string; label?: string; fallbackLabel?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // No measuring here: reading scrollWidth in the effect forced a layout of the whole page inside
    // hydration's task. A ResizeObserver reports every observed box once after the next layout,
    // so the first check comes from it, at no extra layout.
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);
  const region = label || scrolls ? { tabIndex: 0, role: 'region' as const, 'aria-label': label ?? `${fallbackLabel ?? 'Table'} (scrolls sideways)` } : {};
  return (
    <div ref={ref} className={className} {...region}>
      {children}
    </div>
  );
}
