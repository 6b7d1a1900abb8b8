/**
 * A token bucket per client: a burst of `burst` requests, then `perSecond`. A flood from one
 * tab (or a script) is refused with a sentence; other tabs are not slowed by it.
 */
export function rateLimiter(options: { perSecond: number; burst: number; now?: () => number }) {
  const now = options.now ?? (() => Date.now());
  const buckets = new Map<string, { tokens: number; at: number }>();
  return function allow(client: string): boolean {
    const time = now();
    const bucket = buckets.get(client) ?? { tokens: options.burst, at: time };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((time - bucket.at) / 1000) * options.perSecond);
    bucket.at = time;
    buckets.set(client, bucket);
    if (buckets.size > 10_000) buckets.delete(buckets.keys().next().value!);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}
