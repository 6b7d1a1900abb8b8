/** The seeded randomness every sample value comes from: no clock, no Math.random. */

/** A number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for sample data. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts: one 32-bit seed per table, per pool. */
export function hashSeed(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x1f; // a separator, so ("ab", "c") and ("a", "bc") differ
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export const ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyz";
export const NANOID = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const HEX = "0123456789abcdef";

export function randomText(rng: Rng, alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[(rng() * alphabet.length) | 0];
  return text;
}

export function pick<T>(rng: Rng, pool: readonly T[]): T {
  return pool[(rng() * pool.length) | 0];
}

export const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));
export const cents = (value: number) => Math.round(value * 100) / 100;
