import { z } from "zod";
import { generateSampleData, MAX_SAMPLE_ROWS, SampleRefused } from "@/lib/data/sample";
import { BodyTooLarge, readJson } from "@/lib/boundary/read-body";
import { databaseProject, DatabaseUnavailable } from "@/lib/project/database-project";

/**
 * Generate sample data, with progress: one JSON object per line, `{"progress":…}` while the
 * rows are made and `{"result":…}` or `{"error":…}` at the end. A server action could only
 * answer once; a long run deserves to show how far it has come.
 */

const inputSchema = z.object({
  rows: z.number().int().min(1).max(MAX_SAMPLE_ROWS),
  seed: z.number().int().min(-2_147_483_648).max(2_147_483_647),
});

export async function POST(request: Request): Promise<Response> {
  let input: unknown;
  try {
    input = await readJson(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) return Response.json({ error: error.message }, { status: 413 });
    throw error;
  }
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    return Response.json(
      {
        error: `Rows per table must be a whole number from 1 to ${MAX_SAMPLE_ROWS.toLocaleString("en-US")}, and the seed a whole number.`,
      },
      { status: 400 },
    );
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (message: object) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
      try {
        const result = await generateSampleData(await databaseProject(), {
          ...parsed.data,
          onProgress: (progress) => send({ progress }),
        });
        send({ result });
      } catch (error) {
        if (!(error instanceof SampleRefused || error instanceof DatabaseUnavailable)) console.error(error);
        send({ error: error instanceof Error ? error.message : String(error) });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" },
  });
}
