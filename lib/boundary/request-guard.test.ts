import { describe, expect, test } from "vitest";
import { exposureFromEnv, hostnameOf, isLoopback, type Exposure } from "./exposure";
import { judgeRequest, TOKEN_COOKIE, type Verdict } from "./request-guard";

/** A request as the proxy sees it: method, path and headers (cookies from the Cookie header). */
function judge(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  exposure: Exposure = exposureFromEnv({}),
): Verdict {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const cookies = new Map(
    (lower.cookie ?? "")
      .split(";")
      .filter(Boolean)
      .map((pair) => pair.trim().split("=") as [string, string]),
  );
  return judgeRequest(
    {
      method,
      url: new URL(pathAndQuery, "http://placeholder"),
      header: (name) => lower[name.toLowerCase()] ?? null,
      cookie: (name) => cookies.get(name),
    },
    exposure,
  );
}

const local = { host: "127.0.0.1:3000" };
const sameOrigin = { ...local, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" };
const exposed = exposureFromEnv({ SCHEMAFLOW_BIND_HOST: "0.0.0.0", SCHEMAFLOW_TOKEN: "s3cret-token" });

describe("the request guard refuses (each row: what it checks)", () => {
  test.each<[string, string, string, Record<string, string>, number, RegExp, Exposure?]>([
    [
      "DNS rebinding: a page under its own name reaches 127.0.0.1",
      "GET",
      "/",
      { host: "evil.example" },
      403,
      /Host "evil.example"/,
    ],
    ["DNS rebinding with the port", "GET", "/", { host: "evil.example:3000" }, 403, /not this server's name/],
    [
      "DNS rebinding of a server action (Host and Origin both forged)",
      "POST",
      "/",
      { host: "evil.example:3000", origin: "http://evil.example:3000", "next-action": "x" },
      403,
      /Host/,
    ],
    ["DNS rebinding of the CSV export", "GET", "/api/tables/user_account/csv", { host: "evil.example" }, 403, /Host/],
    ["DNS rebinding of sample data", "POST", "/api/sample", { host: "evil.example", origin: "http://evil.example" }, 403, /Host/],
    ["a look-alike of localhost", "GET", "/", { host: "localhost.evil.example" }, 403, /Host/],
    ["a subdomain of localhost is not localhost", "GET", "/", { host: "app.localhost" }, 403, /Host/],
    ["a LAN address while the server is loopback-only", "GET", "/", { host: "192.168.1.20:3000" }, 403, /Host/],
    ["a request with no Host header", "GET", "/", {}, 403, /without a Host/],
    ["an empty Host header", "GET", "/", { host: "" }, 403, /Host/],
    ["a POST without an Origin header", "POST", "/api/sample", { ...local }, 403, /without an Origin/],
    [
      "a no-cors POST from another local port",
      "POST",
      "/api/sample",
      { ...local, origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site" },
      403,
      /from http:\/\/127.0.0.1:4000/,
    ],
    [
      "an Origin that names the server otherwise (localhost for 127.0.0.1)",
      "POST",
      "/api/sample",
      { ...local, origin: "http://localhost:3000" },
      403,
      /only this server's own pages/,
    ],
    [
      "a POST from a foreign site",
      "POST",
      "/",
      { ...local, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      403,
      /evil.example/,
    ],
    ["a POST with Origin null (sandboxed frame, file:)", "POST", "/", { ...local, origin: "null" }, 403, /from null/],
    [
      "a POST whose Origin is right but the browser says same-site",
      "POST",
      "/",
      { ...local, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" },
      403,
      /another site \(same-site\)/,
    ],
    [
      "a POST whose Origin is right but the browser says cross-site",
      "POST",
      "/",
      { ...local, origin: "http://127.0.0.1:3000", "sec-fetch-site": "cross-site" },
      403,
      /cross-site/,
    ],
    [
      "a DELETE from another origin",
      "DELETE",
      "/api/sample",
      { ...local, origin: "http://127.0.0.1:9999" },
      403,
      /DELETE request from/,
    ],
    ["a PUT without Origin", "PUT", "/", { ...local }, 403, /PUT request without an Origin/],
    ["an Origin of another scheme", "POST", "/", { ...local, origin: "ftp://127.0.0.1:3000" }, 403, /ftp/],
    [
      "a CSV read by another site",
      "GET",
      "/api/tables/user_account/csv",
      { ...local, "sec-fetch-site": "cross-site" },
      403,
      /another site/,
    ],
    [
      "a CSV read by another local port (same-site)",
      "GET",
      "/api/tables/user_account/csv",
      { ...local, "sec-fetch-site": "same-site" },
      403,
      /another site/,
    ],
    [
      "a CSV fetched with a foreign Origin",
      "GET",
      "/api/tables/user_account/csv",
      { ...local, origin: "http://evil.example" },
      403,
      /not served to http:\/\/evil.example/,
    ],
    [
      "a body over the server's limit, by its Content-Length",
      "POST",
      "/",
      { ...sameOrigin, "content-length": String(6 * 1024 * 1024) },
      413,
      /6 MB; the server reads at most 5.1 MB/,
    ],
    ["an exposed server without the token", "GET", "/", { host: "192.168.1.20:3000" }, 401, /needs its token/, exposed],
    [
      "an exposed server with a wrong token in the URL",
      "GET",
      "/?token=guess",
      { host: "192.168.1.20:3000" },
      401,
      /not this server's/,
      exposed,
    ],
    [
      "an exposed server with a wrong cookie",
      "GET",
      "/",
      { host: "192.168.1.20:3000", cookie: `${TOKEN_COOKIE}=guess` },
      401,
      /needs its token/,
      exposed,
    ],
    [
      "an exposed server with a token of another length",
      "GET",
      "/",
      { host: "192.168.1.20:3000", authorization: "Bearer s3cret" },
      401,
      /token/,
      exposed,
    ],
    [
      "a token in the URL of a POST is not taken (only a page opens with it)",
      "POST",
      "/?token=s3cret-token",
      { host: "192.168.1.20:3000", origin: "http://192.168.1.20:3000" },
      401,
      /token/,
      exposed,
    ],
    [
      "an exposed server still refuses rebinding names",
      "GET",
      "/",
      { host: "evil.example", cookie: `${TOKEN_COOKIE}=s3cret-token` },
      403,
      /Host/,
      exposed,
    ],
    [
      "an exposed server still checks the Origin",
      "POST",
      "/",
      { host: "192.168.1.20:3000", cookie: `${TOKEN_COOKIE}=s3cret-token`, origin: "http://evil.example" },
      403,
      /evil.example/,
      exposed,
    ],
  ])("%s", (_what, method, url, headers, status, reason, exposure) => {
    const verdict = judge(method, url, headers, exposure);
    expect(verdict).toMatchObject({ kind: "refuse", status });
    if (verdict.kind === "refuse") expect(verdict.reason).toMatch(reason);
  });
});

describe("the request guard lets the user through", () => {
  test.each<[string, string, string, Record<string, string>, Exposure?]>([
    ["the page by 127.0.0.1", "GET", "/", local],
    ["the page by localhost", "GET", "/", { host: "localhost:3000" }],
    ["the page by [::1]", "GET", "/", { host: "[::1]:3000" }],
    ["localhost with a trailing dot", "GET", "/", { host: "localhost.:3000" }],
    [
      "a link from another site opens the page (a navigation reads nothing)",
      "GET",
      "/",
      { ...local, "sec-fetch-site": "cross-site" },
    ],
    ["a server action from the page", "POST", "/", { ...sameOrigin, "next-action": "abc" }],
    ["sample data from the page", "POST", "/api/sample", sameOrigin],
    ["the CSV download link of the page", "GET", "/api/tables/address/csv", { ...local, "sec-fetch-site": "same-origin" }],
    ["the CSV URL typed in the address bar", "GET", "/api/tables/address/csv", { ...local, "sec-fetch-site": "none" }],
    [
      "a name from SCHEMAFLOW_ALLOWED_HOSTS",
      "GET",
      "/",
      { host: "designer.internal:3000" },
      exposureFromEnv({ SCHEMAFLOW_ALLOWED_HOSTS: "designer.internal, other" }),
    ],
    [
      "an exposed server: its LAN address with the cookie",
      "GET",
      "/",
      { host: "192.168.1.20:3000", cookie: `${TOKEN_COOKIE}=s3cret-token` },
      exposed,
    ],
    [
      "an exposed server: a script with the Bearer token",
      "GET",
      "/api/tables/address/csv",
      { host: "192.168.1.20:3000", authorization: "Bearer s3cret-token" },
      exposed,
    ],
    [
      "an exposed server: a server action from its own page",
      "POST",
      "/",
      { host: "192.168.1.20:3000", cookie: `${TOKEN_COOKIE}=s3cret-token`, origin: "http://192.168.1.20:3000" },
      exposed,
    ],
  ])("%s", (_what, method, url, headers, exposure) => {
    expect(judge(method, url, headers, exposure)).toEqual({ kind: "allow" });
  });

  test("the token in the URL becomes an HttpOnly, SameSite=Strict cookie and leaves the URL", () => {
    expect(judge("GET", "/?view=all&token=s3cret-token", { host: "192.168.1.20:3000" }, exposed)).toEqual({
      kind: "redirect",
      location: "/?view=all",
      cookie: `${TOKEN_COOKIE}=s3cret-token; Path=/; HttpOnly; SameSite=Strict`,
    });
  });
});

test("host names are read as browsers send them", () => {
  expect(hostnameOf("[::1]:3000")).toBe("::1");
  expect(hostnameOf("LOCALHOST.:80")).toBe("localhost");
  expect(hostnameOf("::1")).toBe("::1");
  expect(isLoopback("127.0.0.2")).toBe(true);
  expect(isLoopback("0.0.0.0")).toBe(false);
  expect(isLoopback("::")).toBe(false);
});
