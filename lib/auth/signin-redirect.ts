import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { REQUEST_PATH_HEADER, signInPathFor } from './redirect';

/** Signed out on a page: to the sign-in page, which brings the person back to this page after. */
export async function redirectToSignIn(): Promise<never> {
  redirect(signInPathFor((await headers()).get(REQUEST_PATH_HEADER)));
}
