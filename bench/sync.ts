// Edits as the user makes them, in Debian's Chromium against `next start`, two tabs open:
// a field rename, an added table and a node drag, each timed from the input to the file on
// disk and to the other tab showing it, with the request's size; and a file written by hand,
// timed to the open tab showing it. Beside them, the size of the request the designer sent
// before (the whole graph and layout on every edit), measured on the same schemas.
import fs from "node:fs";
import path from "node:path";
import ELK from "elkjs/lib/elk.bundled.js";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { layoutByName, layoutById } from "../lib/layout/positions";
import { readLayout, saveLayout } from "../lib/project/schema-store";
import { autoLayout } from "../lib/layout/auto-layout";
import { parseSchemaFile } from "../lib/schema/parse-file";
import { generatedSchema } from "../lib/testing/generated-schema";
import { removeProject, tempProject } from "../lib/testing/temp-project";
import { tutorialSchema } from "../lib/testing/tutorial-schema";
import { PORT, startServer } from "./canvas";

const CORPUS = path.resolve(import.meta.dirname, "..", "..", "shared", "corpus", "prisma");
const RUNS = 9;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const figures = (values: number[]) => `p50_ms=${Math.round(percentile(values, 50))} p95_ms=${Math.round(percentile(values, 95))}`;

async function until(check: () => boolean, timeoutMs = 20_000): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now();
}

/**
 * A file's text, read again only when its size or time changed: polled every 2 ms, reading
 * and searching the whole schema each time would take a core from the server it measures.
 */
function watched(file: string): () => string {
  let seen = "";
  let text = "";
  return () => {
    const stat = fs.statSync(file);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    if (stamp !== seen) [seen, text] = [stamp, fs.readFileSync(file, "utf8")];
    return text;
  };
}

/** `test` of the file's text, run again only when the text changed. */
function whenText(read: () => string, test: (text: string) => boolean): () => boolean {
  let last: string | undefined;
  let result = false;
  return () => {
    const text = read();
    if (text !== last) [last, result] = [text, test(text)];
    return result;
  };
}

/** Milliseconds until `page` shows `selector`, polled in the page itself. */
function shown(page: Page, selector: string): Promise<number> {
  return page
    .waitForFunction((s) => document.querySelector(s) !== null, selector, { polling: "raf", timeout: 20_000 })
    .then(() => performance.now());
}

/** When `page`'s minimap (every node, drawn or not) next has more nodes than now (`at`). */
async function overviewGrows(page: Page): Promise<{ at: Promise<number> }> {
  const count = Number(await page.locator(".react-flow__minimap-svg").getAttribute("data-nodes"));
  const at = page
    .waitForFunction((n) => Number(document.querySelector(".react-flow__minimap-svg")?.getAttribute("data-nodes")) > n, count, {
      polling: "raf",
      timeout: 20_000,
    })
    .then(() => performance.now());
  return { at };
}

interface Shape {
  label: string;
  text: string;
  /** A model near the first screen, and one of its scalar fields. */
  model: string;
  field: string;
}

async function measure(shape: Shape): Promise<string[]> {
  const project = tempProject(shape.text);
  const graph = parseSchemaFile(shape.text);
  await saveLayout(project, graph, layoutByName(graph, await autoLayout(new ELK(), graph)));
  const oldRequest = JSON.stringify({
    graph,
    layout: layoutByName(graph, layoutById(graph, (await readLayout(project, graph)).file.positions)),
    renames: [],
  }).length;
  const server = await startServer(project.root);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const lines: string[] = [];
  try {
    const [a, b] = [await browser.newPage(), await browser.newPage()];
    const bodies: number[] = [];
    const isPatch = (request: { method(): string; postData(): string | null }) =>
      request.method() === "POST" && request.postData()?.includes('"base"');
    a.on("request", (request) => {
      if (isPatch(request)) bodies.push(request.postData()!.length);
    });
    // The server's own time for each edit (its Server-Timing), to tell it from the browser's.
    const serverApply: number[] = [];
    const editOf = new Map<object, { kind: string; at: number }>();
    // And when each edit's request left the browser, and how long it took to be answered.
    const leaves: Record<string, number[]> = { rename: [], add: [], drag: [] };
    const roundTrip: number[] = [];
    let edit: { kind: string; at: number } | undefined;
    // Per kind of edit: its turn in the queue, and from its turn to its schema on disk.
    const server: Record<string, { queue: number[]; written: number[] }> = {};
    a.on("response", (response) => {
      const header = response.headers()["server-timing"] ?? "";
      const read = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header)?.[1] ?? NaN);
      if (!isPatch(response.request()) || Number.isNaN(read("apply"))) return;
      serverApply.push(read("apply"));
      const kind = editOf.get(response.request())?.kind;
      if (!kind) return;
      server[kind] ??= { queue: [], written: [] };
      server[kind].queue.push(read("queue"));
      if (!Number.isNaN(read("written"))) server[kind].written.push(read("written"));
    });
    a.on("request", (request) => {
      if (isPatch(request) && edit) editOf.set(request, edit);
      if (isPatch(request)) edit = undefined;
    });
    a.on("requestfinished", (request) => {
      if (!isPatch(request)) return;
      const timing = request.timing();
      roundTrip.push(timing.responseEnd);
      const made = editOf.get(request);
      if (made) leaves[made.kind].push(timing.startTime - made.at);
    });
    // When the page itself received each input (its event's time). The edits are sent as raw
    // input (a key, a click at the button's place), not through locator.click(), whose own
    // checks before it clicks (the button stable for two frames, in view, hit) are the
    // harness's time, not the user's: 30-45 ms an edit here.
    await a.addInitScript(() => {
      for (const type of ["keydown", "click", "pointerup"])
        addEventListener(
          type,
          (e) => ((window as unknown as { lastInput: number }).lastInput = performance.timeOrigin + e.timeStamp),
          true,
        );
    });
    const sinceInput = async (done: number) =>
      performance.timeOrigin + done - (await a.evaluate(() => (window as unknown as { lastInput: number }).lastInput));
    const fromInput: Record<string, number[]> = { rename: [], add: [], drag: [] };
    for (const page of [a, b]) {
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForSelector(".react-flow__node [data-model]", { timeout: 120_000 });
    }
    // Both tabs show the same model up close: found (in focus), then the whole schema around it.
    for (const page of [a, b]) {
      await page.getByRole("combobox", { name: "Find a table" }).fill(shape.model);
      await page.getByRole("combobox", { name: "Find a table" }).press("Enter");
      await page.getByRole("status", { name: "Focus" }).getByRole("button", { name: "Show all" }).click();
      await page.waitForSelector(`[data-model="${shape.model}"] [data-field="${shape.field}"]`);
    }
    const schema = watched(project.schemaPath);
    const layout = watched(project.layoutPath);
    const disk: Record<string, number[]> = { rename: [], add: [], drag: [] };
    const other: Record<string, number[]> = { rename: [], add: [], drag: [] };
    const size: Record<string, number[]> = { rename: [], add: [], drag: [] };
    let name = shape.field;
    await a.locator(`[data-model="${shape.model}"] [data-field="${name}"]`).click();
    for (let i = 0; i < RUNS; i++) {
      // A field rename in the inspector.
      const next = `${shape.field}_r${i}`;
      const box = a.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Field name" });
      await box.fill(next);
      let sent = bodies.length;
      let start = performance.now();
      edit = { kind: "rename", at: Date.now() };
      const seen = shown(b, `[data-model="${shape.model}"] [data-field="${next}"]`);
      await a.keyboard.press("Enter"); // the box has the focus since fill
      let done = await until(whenText(schema, (text) => new RegExp(`\\b${next}\\s`).test(text)));
      disk.rename.push(done - start);
      fromInput.rename.push(await sinceInput(done));
      other.rename.push((await seen) - start);
      size.rename.push(...bodies.slice(sent));
      name = next;

      // An added table.
      sent = bodies.length;
      const tables = (schema().match(/^model /gm) ?? []).length;
      const minimapGrows = await overviewGrows(b);
      const button = (await a.getByRole("button", { name: "+ Add table" }).boundingBox())!;
      start = performance.now();
      edit = { kind: "add", at: Date.now() };
      await a.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
      done = await until(whenText(schema, (text) => (text.match(/^model /gm) ?? []).length > tables));
      disk.add.push(done - start);
      fromInput.add.push(await sinceInput(done));
      // The new table may land outside the other tab's view, where it is not drawn: its minimap shows every node.
      other.add.push((await minimapGrows.at) - start);
      size.add.push(...bodies.slice(sent));

      // A node dragged by its header.
      sent = bodies.length;
      const before = layout();
      const header = (await a.locator(`[data-model="${shape.model}"] header`).boundingBox())!;
      await a.mouse.move(header.x + 30, header.y + header.height / 2);
      await a.mouse.down();
      await a.mouse.move(header.x + 30 + (i % 2 ? -40 : 40), header.y + 30, { steps: 4 });
      const transform = await b.locator(`.react-flow__node:has([data-model="${shape.model}"])`).getAttribute("style");
      start = performance.now();
      edit = { kind: "drag", at: Date.now() };
      await a.mouse.up();
      done = await until(() => layout() !== before);
      disk.drag.push(done - start);
      fromInput.drag.push(await sinceInput(done));
      const moved = await b
        .waitForFunction(
          ([model, old]) =>
            document.querySelector(`.react-flow__node:has([data-model="${model}"])`)?.getAttribute("style") !== old,
          [shape.model, transform] as const,
          { polling: "raf" },
        )
        .then(() => performance.now());
      other.drag.push(moved - start);
      size.drag.push(...bodies.slice(sent));
      await a.locator(`[data-model="${shape.model}"] [data-field="${name}"]`).click();
    }
    for (const kind of ["rename", "add", "drag"] as const) {
      lines.push(
        `sync schema=${shape.label} edit=${kind} to_disk_${figures(disk[kind])} to_disk_from_input_event_${figures(fromInput[kind])} other_tab_${figures(other[kind])} ` +
          `request_bytes_max=${Math.max(...size[kind])} request_leaves_after_input_${figures(leaves[kind])} (runs=${RUNS})`,
      );
    }
    lines.push(`sync schema=${shape.label} server_apply_${figures(serverApply)} (every edit above, as the server timed it)`);
    for (const [kind, times] of Object.entries(server))
      lines.push(
        `sync schema=${shape.label} edit=${kind} server_queue_${figures(times.queue)} server_turn_to_disk_${figures(times.written.length ? times.written : [NaN])}`,
      );
    lines.push(
      `sync schema=${shape.label} request_round_trip_${figures(roundTrip)} (from leaving the browser to the answer's end)`,
    );
    // A file written by hand (as an editor saves it), until the open tab shows it.
    const hand: number[] = [];
    for (let i = 0; i < 5; i++) {
      // It lands where the layout puts a new table, maybe outside the view: the minimap shows it.
      const grows = await overviewGrows(a);
      const start = performance.now();
      fs.writeFileSync(project.schemaPath, `${schema()}\nmodel Hand${i} {\n  id Int @id\n}\n`);
      hand.push((await grows.at) - start);
    }
    lines.push(`sync schema=${shape.label} hand_written_file_to_open_tab_${figures(hand)} (runs=5)`);
    lines.push(
      `sync schema=${shape.label} whole_graph_request_bytes_before=${oldRequest} (what each edit sent until this change)`,
    );
  } finally {
    await browser.close();
    server.kill();
    removeProject(project);
  }
  return lines;
}

export async function benchSync(): Promise<void> {
  const shapes: Shape[] = [
    { label: "tutorial", text: tutorialSchema(), model: "User", field: "fullname" },
    { label: "generated-1000", text: generatedSchema(1000), model: "Entity0", field: "field0" },
  ];
  const big = path.join(CORPUS, "prisma-prisma__bigschema-5000.prisma");
  if (fs.existsSync(big))
    shapes.push({ label: "bigschema-5000", text: fs.readFileSync(big, "utf8"), model: "User0", field: "name" });
  for (const shape of shapes) for (const line of await measure(shape)) console.log(line);
}
