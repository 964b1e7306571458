'use client';

import { useState, type ComponentType } from 'react';

export type AccountMenuProps = { email: string; role: string };

const triggerClass = 'inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm text-chrome-text hover:bg-chrome-raised focus-visible:outline-chrome-focus';

/** What the account button shows: an icon, the role, and (for screen readers) who is signed in. */
export function AccountButtonContent({ email, role }: AccountMenuProps) {
  return (
    <>
      <svg viewBox="0 0 20 20" aria-hidden="true" className="size-5" fill="currentColor">
        <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 0 1 14 0Z" />
      </svg>
      <span data-testid="whoami">
        <span className="sr-only">Account: {email}, </span>
        <span className="font-medium">{role}</span>
      </span>
      <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4 text-chrome-muted" fill="currentColor">
        <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
      </svg>
    </>
  );
}

type Radix = ComponentType<AccountMenuProps & { triggerClass: string }>;
let radix: Promise<Radix> | null = null;
const loadRadix = () => (radix ??= import('./account-menu-radix').then((m) => m.RadixAccountMenu));

/**
 * Who is signed in, their tokens and sign-out, behind one button. Every page shows the button;
 * few open it, so the menu (Radix, ~95 KB of JavaScript with the mobile menu's dialog) is not
 * part of the first load (decision 024): it is fetched when the pointer or focus reaches the
 * button and replaces it, open, on the first click, Enter, Space or ArrowDown.
 */
export function AccountMenu(props: AccountMenuProps) {
  const [Menu, setMenu] = useState<Radix | null>(null);
  if (Menu) return <Menu {...props} triggerClass={triggerClass} />;
  const open = () => void loadRadix().then((m) => setMenu(() => m));
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      className={triggerClass}
      onPointerEnter={() => void loadRadix()}
      onFocus={() => void loadRadix()}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          open();
        }
      }}
    >
      <AccountButtonContent {...props} />
    </button>
  );
}
