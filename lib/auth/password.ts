import bcrypt from 'bcryptjs';

// bcrypt (cost 10 by default, 12 in production): see docs/decisions/004-auth.md.
const COST = process.env.NODE_ENV === 'production' ? 12 : 10;

export async function hashPassword(plain: string): Promise<string> {
  if (plain.length < 8) throw new Error('password must be at least 8 characters');
  return bcrypt.hash(plain, COST);
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// A fixed hash to compare against when the account does not exist, so timing does not reveal it.
export const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.V7u5R5p3yZKJ3bO0Q6bS7V4iYw2a';

// The demo story's shared password (public: it is printed on the sign-in page of a demo). Sign-in
// refuses it for every account the demo did not create (users.demo).
export const DEMO_PASSWORD = 'demo1234';
