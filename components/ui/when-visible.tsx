'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders `children` only once its box comes near the viewport (200 px ahead), so a chart's
 * JavaScript is fetched and run only on pages, and at scroll positions, where it is seen
 * (decision 018). The box keeps its size (`className` gives the chart's height) before and after,
 * so nothing shifts when the chart arrives.
 */
export function WhenVisible({ className, children }: { className: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          io.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return (
    <div ref={ref} className={className} data-lazy-chart={seen ? 'loaded' : 'waiting'}>
      {seen ? children : null}
    </div>
  );
}
