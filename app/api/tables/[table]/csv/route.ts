import { z } from "zod";
import { GridRefused } from "@/lib/data/catalogue";
import { toCsvLine } from "@/lib/data/csv";
import { FILTER_OPERATORS } from "@/lib/data/filters";
import { exportRows } from "@/lib/data/rows";
import type { Project } from "@/lib/project/project";
import { databaseProject, DatabaseUnavailable } from "@/lib/project/database-project";
import { schemaGraphIfValid } from "@/lib/project/schema-store";

/** The rows a grid shows (its filters and sort), as CSV, streamed so a million rows never sit in memory. */

const querySchema = z.object({
  filters: z
    .array(z.object({ column: z.string().min(1), op: z.enum(FILTER_OPERATORS), value: z.string().max(10_000).optional() }))
    .max(50)
    .optional(),
  sort: z.object({ column: z.string().min(1), direction: z.enum(["asc", "desc"]) }).optional(),
});

export async function GET(request: Request, context: { params: Promise<{ table: string }> }): Promise<Response> {
  const { table } = await context.params;
  let query: z.infer<typeof querySchema>;
  try {
    query = querySchema.parse(JSON.parse(new URL(request.url).searchParams.get("query") ?? "{}"));
  } catch {
    return new Response("The export's query is not valid.", { status: 400 });
  }
  let project: Project;
  try {
    project = await databaseProject();
  } catch (error) {
    if (error instanceof DatabaseUnavailable) return new Response(error.message, { status: 409 });
    throw error;
  }
  const graph = await schemaGraphIfValid(project);
  const rows = exportRows(project, graph, { table, ...query });
  let header: string;
  try {
    // The first step checks the table, columns and filter values before any byte is sent.
    const first = await rows.next();
    header = toCsvLine((first.value as { columns: string[] }).columns);
  } catch (error) {
    await rows.return(undefined);
    if (error instanceof GridRefused) return new Response(error.message, { status: 400 });
    throw error;
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${header}\r\n`));
    },
    async pull(controller) {
      // A batch of lines per pull: the client's pace, not the table's size, sets the memory.
      const next = await rows.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode((next.value as unknown[][]).map((row) => `${toCsvLine(row)}\r\n`).join("")));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const filename = table.replace(/[^A-Za-z0-9_.-]/g, "_") || "rows";
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.csv"`,
    },
  });
}
