'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import Link from '@/components/ui/link';
import { AccountButtonContent, type AccountMenuProps } from './account-menu';
import { signOut } from './sign-out';

const itemClass = 'block w-full cursor-default rounded px-3 py-2 text-left text-sm text-slate-800 no-underline outline-none select-none hover:no-underline data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-900';

/**
 * The account menu itself (Radix DropdownMenu: roving focus, Escape, typeahead), loaded by
 * account-menu.tsx when it is first used and mounted open.
 */
export function RadixAccountMenu({ email, role, triggerClass }: AccountMenuProps & { triggerClass: string }) {
  return (
    <DropdownMenu.Root modal={false} defaultOpen>
      <DropdownMenu.Trigger className={triggerClass}>
        <AccountButtonContent email={email} role={role} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg">
          <DropdownMenu.Label className="px-3 py-2 text-xs text-slate-600">
            Signed in as
            <span className="block truncate text-sm font-medium text-slate-900">{email}</span>
            <span className="block">Role: {role}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item asChild className={itemClass}>
            <Link href="/account/tokens">My tokens</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={itemClass} onSelect={() => void signOut()}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
