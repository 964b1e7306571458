export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Hello</h1>
      <p>A bare Next.js App Router page: no stylesheet, no client component, no app code.</p>
    </main>
  );
}
