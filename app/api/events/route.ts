import { currentProject } from "@/lib/project/project";
import { watchSchemaFile } from "@/lib/sync/file-watcher";
import { joinPresence } from "@/lib/sync/presence";
import { currentHead, subscribe } from "@/lib/sync/schema-head";

/**
 * Every new version of the schema, as server-sent events: one `data:` line of JSON per
 * version (who made it, the element changes, the layout changes). Server-sent events rather
 * than a WebSocket: the traffic is one way (edits go up to api/schema, through the same
 * request guard), they pass the proxy and reconnect by themselves, and Next's route handlers
 * stream them without a custom server.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const project = currentProject();
  const head = await currentHead(project);
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          stop(); // the tab went away
        }
      };
      send("hello", { version: head.version, hash: head.hash, fileProblems: head.fileProblems ?? [] });
      const unsubscribe = subscribe(project, (record, now) =>
        record ? send("version", record) : send("file-problems", { problems: now.fileProblems ?? [] }),
      );
      const unwatch = watchSchemaFile(project, (error) => console.error(error));
      // Who else is here: this tab joins (named by ?tab=) and hears everyone's selection.
      const tab = new URL(request.url).searchParams.get("tab")?.slice(0, 64);
      const leave = tab ? joinPresence(project.schemaPath, tab, (everyone) => send("presence", everyone)) : () => {};
      const heartbeat = setInterval(() => send("ping", {}), 15_000);
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unwatch();
        leave();
      };
      request.signal.addEventListener("abort", () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
