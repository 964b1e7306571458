// The floor of `npm run lighthouse`: a bare Next.js App Router page, built and served with the app's
// own next/react, and measured with the same Lighthouse settings in the same run (scripts/lighthouse.mts).
export const metadata = { title: 'Lighthouse floor', description: 'A bare Next.js App Router page, no app code' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
