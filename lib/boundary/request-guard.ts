import { timingSafeEqual } from "node:crypto";
import { isOwnHost, type Exposure } from "./exposure";
import { MAX_REQUEST_BYTES, megabytes } from "./limits";

/**
 * What the server decides about a request before any route, page or server action sees
 * it (proxy.ts runs this on every request but static assets). A refusal is one sentence.
 */
export type Verdict =
  | { kind: "allow" }
  | { kind: "refuse"; status: 401 | 403 | 413; reason: string }
  /** A valid `?token=`: the token moves into a cookie and the URL loses it. */
  | { kind: "redirect"; location: string; cookie: string };

export interface GuardedRequest {
  method: string;
  url: URL;
  header(name: string): string | null;
  cookie(name: string): string | undefined;
}

export const TOKEN_COOKIE = "schemaflow_token";
const SAFE_METHODS = new Set(["GET", "HEAD"]);

const refuse = (status: 401 | 403 | 413, reason: string): Verdict => ({ kind: "refuse", status, reason });

function sameSecret(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token check of an exposed server: cookie, Bearer header, or `?token=` once (then a cookie). */
function checkToken(request: GuardedRequest, token: string): Verdict {
  const bearer = request.header("authorization")?.replace(/^Bearer\s+/i, "");
  if (sameSecret(request.cookie(TOKEN_COOKIE), token) || sameSecret(bearer, token)) return { kind: "allow" };
  const offered = request.url.searchParams.get("token");
  if (offered !== null && sameSecret(offered, token) && SAFE_METHODS.has(request.method)) {
    const clean = new URL(request.url);
    clean.searchParams.delete("token");
    return {
      kind: "redirect",
      location: `${clean.pathname}${clean.search}`,
      cookie: `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    };
  }
  return refuse(
    401,
    offered === null
      ? "This Schemaflow server needs its token: open the URL with ?token= that it printed when it started."
      : "The token is not this server's: open the URL with ?token= that it printed when it started.",
  );
}

/**
 * Requests that change something must come from a page of this server: an Origin equal to
 * the request's own, and, where the browser says so, Sec-Fetch-Site same-origin (another
 * port of localhost is "same-site", and refused). Reading routes refuse other sites too.
 */
function checkOrigin(request: GuardedRequest, host: string): Verdict {
  const origin = request.header("origin");
  const site = request.header("sec-fetch-site");
  const ownOrigin = (value: string) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.host === host.toLowerCase();
    } catch {
      return false;
    }
  };
  if (!SAFE_METHODS.has(request.method)) {
    if (!origin) return refuse(403, `A ${request.method} request without an Origin header is refused.`);
    if (!ownOrigin(origin))
      return refuse(403, `A ${request.method} request from ${origin} is refused: only this server's own pages may change it.`);
    if (site && site !== "same-origin") return refuse(403, `A ${request.method} request from another site (${site}) is refused.`);
    return { kind: "allow" };
  }
  if (request.url.pathname.startsWith("/api/")) {
    if (site && site !== "same-origin" && site !== "none") return refuse(403, `Data is not served to another site (${site}).`);
    if (origin && !ownOrigin(origin)) return refuse(403, `Data is not served to ${origin}.`);
  }
  return { kind: "allow" };
}

export function judgeRequest(request: GuardedRequest, exposure: Exposure): Verdict {
  const host = request.header("host");
  if (!host) return refuse(403, "A request without a Host header is refused.");
  if (!isOwnHost(host, exposure)) {
    return refuse(
      403,
      `Host "${host}" is not this server's name: Schemaflow answers localhost, 127.0.0.1 and [::1]` +
        " (SCHEMAFLOW_ALLOWED_HOSTS adds names).",
    );
  }
  const length = Number(request.header("content-length") ?? 0);
  if (length > MAX_REQUEST_BYTES) {
    return refuse(413, `The request is ${megabytes(length)}; the server reads at most ${megabytes(MAX_REQUEST_BYTES)}.`);
  }
  if (exposure.token) {
    const verdict = checkToken(request, exposure.token);
    if (verdict.kind !== "allow") return verdict;
  }
  return checkOrigin(request, host);
}
