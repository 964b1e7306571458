'use client';

import * as Dialog from '@radix-ui/react-dialog';
import type { RefObject } from 'react';
import { NavLinkList, type NavItem } from './nav-link-list';

/**
 * The phone menu itself: a Radix Dialog (focus trap, Escape, inert background) sliding in from
 * the right, loaded by mobile-nav.tsx when the "Menu" button is first used. The button lives
 * outside the dialog, so focus goes back to it by hand when the sheet closes.
 */
export function MobileNavSheet({ items, open, onOpenChange, trigger }: { items: NavItem[]; open: boolean; onOpenChange: (open: boolean) => void; trigger: RefObject<HTMLButtonElement | null> }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          id="mobile-nav"
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            trigger.current?.focus();
          }}
          className="fixed inset-y-0 right-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto border-l border-slate-200 bg-white p-4 text-slate-900 shadow-xl"
        >
          <div className="mb-3 flex items-center justify-between">
            <Dialog.Title className="text-base font-semibold">Menu</Dialog.Title>
            <Dialog.Close className="rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">Close</Dialog.Close>
          </div>
          <nav aria-label="Main">
            <NavLinkList items={items} layout="sheet" onNavigate={() => onOpenChange(false)} />
          </nav>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
