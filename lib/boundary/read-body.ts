import { MAX_REQUEST_BYTES, megabytes } from "./limits";

export class BodyTooLarge extends Error {}

/**
 * A request's body as text, read no further than `max` bytes: the request guard refuses a
 * Content-Length over the limit, and this catches a chunked body that sends none.
 */
export async function readBody(request: Request, max = MAX_REQUEST_BYTES): Promise<string> {
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel();
      throw new BodyTooLarge(`The request is over ${megabytes(max)}, the most the server reads.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body as JSON, read no further than `max` bytes; `undefined` when it is not JSON. */
export async function readJson(request: Request, max = MAX_REQUEST_BYTES): Promise<unknown> {
  const text = await readBody(request, max);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
