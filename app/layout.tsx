import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { LinkNavigation } from '@/components/ui/link-navigation';
import { LocalTimes } from '@/components/ui/local-times';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Model Governance Registry', template: '%s · Model Governance Registry' },
  description: 'PIB-VideoGen model versions, approvals and audit trail',
  // public/: the mark as SVG, PNG fallbacks and the .ico browsers ask for on their own.
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '16x16 32x32' },
    ],
    apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
  },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#0f172a' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so Next.js can put the request's CSP nonce (proxy.ts) on
  // its scripts; a page prerendered at build time would carry none and be blocked.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {children}
        <LinkNavigation />
        <LocalTimes />
      </body>
    </html>
  );
}
