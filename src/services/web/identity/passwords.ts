/**
 * Password hashing with node:crypto's scrypt (memory-hard: a stolen table costs an attacker memory per guess, not just
 * time). Verification compares in constant time, and an unknown user name costs the same hash as a known one, so
 * neither the answer's time nor its words tell whether a name exists.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** N = 2^15, r = 8: about 32 MiB and ~50–100 ms a hash on a desk PC; a sign-in is rare, a guess expensive. */
const PARAMS: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, PARAMS, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(SALT_BYTES);
  return { hash: (await derive(password, salt)).toString('hex'), salt: salt.toString('hex') };
}

const DUMMY_SALT = randomBytes(SALT_BYTES);

/** `stored` null (no such user): the same work is done and false returned. */
export async function verifyPassword(
  password: string,
  stored: { passwordHash: string; passwordSalt: string } | null,
): Promise<boolean> {
  const salt = stored ? Buffer.from(stored.passwordSalt, 'hex') : DUMMY_SALT;
  const key = await derive(password, salt);
  if (!stored) return false;
  const expected = Buffer.from(stored.passwordHash, 'hex');
  return expected.length === key.length && timingSafeEqual(expected, key);
}
