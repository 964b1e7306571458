/** The registry's mark (public/logo.svg), inline so the header needs no extra request. */
export function LogoMark({ className = 'size-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" className={className}>
      <rect width="64" height="64" rx="14" fill="#4338ca" />
      <path d="M32 10 50 17v13c0 12-7.6 20.6-18 24-10.4-3.4-18-12-18-24V17Z" fill="#fff" />
      <path d="m23.5 32 6 6 11-12" fill="none" stroke="#4338ca" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
