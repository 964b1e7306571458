'use client';

import { useEffect, useRef, useState } from 'react';

// Toasts (docs/decisions/014-ui-primitives.md): sonner, mounted once in app/(app)/layout.tsx.
// A toast confirms that something happened; it never carries the only copy of a result (forms
// also show their result in place, where a screen reader's live region announces it).
//
// sonner (~43 KB) is not part of any page's first load (decision 024): the toaster loads it and
// mounts sonner's <Toaster> when the first toast is asked for, then shows it.

type Sonner = typeof import('sonner');
let sonner: Promise<Sonner> | null = null;
const loadSonner = () => (sonner ??= import('sonner'));

/** Set while a <Toaster> is mounted: resolves once sonner's own toaster listens. */
let mountToaster: (() => Promise<void>) | null = null;

/** The one toaster of the app: bottom-right on wide screens, top-center on phones (sonner's default breakpoint). */
export function Toaster() {
  const [lib, setLib] = useState<Sonner | null>(null);
  const waiting = useRef<(() => void)[]>([]);
  const listening = useRef(false);
  useEffect(() => {
    mountToaster = () =>
      listening.current
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiting.current.push(resolve);
            void loadSonner().then((m) => setLib(() => m));
          });
    return () => {
      mountToaster = null;
    };
  }, []);
  // Effects run children first: by now sonner's <Toaster> has subscribed to its toasts.
  useEffect(() => {
    if (!lib) return;
    listening.current = true;
    for (const resolve of waiting.current.splice(0)) resolve();
  }, [lib]);
  if (!lib) return null;
  return <lib.Toaster position="bottom-right" richColors closeButton duration={6000} toastOptions={{ classNames: { toast: 'text-sm' } }} />;
}

async function show(kind: 'success' | 'error', message: string) {
  const [{ toast }] = await Promise.all([loadSonner(), mountToaster?.()]);
  toast[kind](message);
}

/** Announce a finished action. */
export function notifySuccess(message: string) {
  void show('success', message);
}

/** Announce a failed action that has no form to show it in. */
export function notifyError(message: string) {
  void show('error', message);
}
