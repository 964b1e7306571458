import { notFound } from 'next/navigation';

// Any address no page matches lands here, inside the app's layout: the visitor is signed in (or
// sent to sign in first) and the 404 keeps the header with the role's navigation. API addresses
// have their own catch-all (app/api/[...missing]/route.ts), which answers problem+json.
export default function Missing(): never {
  notFound();
}
