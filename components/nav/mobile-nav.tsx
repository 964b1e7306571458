'use client';

import { useRef, useState, type ComponentProps, type ComponentType } from 'react';
import type { NavItem } from './nav-link-list';
import type { MobileNavSheet as Sheet } from './mobile-nav-sheet';

type SheetComponent = ComponentType<ComponentProps<typeof Sheet>>;
let sheet: Promise<SheetComponent> | null = null;
const loadSheet = () => (sheet ??= import('./mobile-nav-sheet').then((m) => m.MobileNavSheet));

/**
 * Below 1280 px the navigation sits behind a "Menu" button (issue 10 item 6). The sheet (a Radix
 * Dialog) is not part of the first load (decision 024): it is fetched when the pointer or focus
 * reaches the button and opens on the click.
 */
export function MobileNav({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const [Sheet, setSheet] = useState<SheetComponent | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? 'mobile-nav' : undefined}
        onPointerEnter={() => void loadSheet()}
        onFocus={() => void loadSheet()}
        onClick={() =>
          void loadSheet().then((s) => {
            setSheet(() => s);
            setOpen(true);
          })
        }
        className="inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm text-chrome-text hover:bg-chrome-raised focus-visible:outline-chrome-focus xl:hidden"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
          <path d="M3 5h14M3 10h14M3 15h14" />
        </svg>
        Menu
      </button>
      {Sheet && <Sheet items={items} open={open} onOpenChange={setOpen} trigger={button} />}
    </>
  );
}
