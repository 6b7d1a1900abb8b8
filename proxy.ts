import { NextResponse, type NextRequest } from "next/server";
import { exposureFromEnv } from "@/lib/boundary/exposure";
import { judgeRequest } from "@/lib/boundary/request-guard";

/**
 * The request guard (lib/boundary) in front of every page, server action and route; only
 * the build's static files pass without it. Here, so that no future route can forget it.
 */
export function proxy(request: NextRequest): NextResponse {
  const verdict = judgeRequest(
    {
      method: request.method,
      url: request.nextUrl,
      header: (name) => request.headers.get(name),
      cookie: (name) => request.cookies.get(name)?.value,
    },
    exposureFromEnv(),
  );
  if (verdict.kind === "allow") return NextResponse.next();
  if (verdict.kind === "redirect") {
    const response = NextResponse.redirect(new URL(verdict.location, request.nextUrl), 303);
    response.headers.set("Set-Cookie", verdict.cookie);
    return response;
  }
  return new NextResponse(`${verdict.reason}\n`, {
    status: verdict.status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const config = {
  matcher: ["/((?!_next/static/|_next/image|icon.svg|favicon.ico).*)"],
};
