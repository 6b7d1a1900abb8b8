// The canvas at 100, 500 and 1,000 models (10 fields each, a relation per model), in
// Debian's Chromium against `next start`: time to an interactive canvas, frame rate while
// a node is dragged, and the delay between renaming a field and seeing the new name.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ELK from "elkjs/lib/elk.bundled.js";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { layoutByName } from "../lib/layout/positions";
import { saveLayout } from "../lib/project/schema-store";
import { autoLayout } from "../lib/layout/auto-layout";
import { parseSchema } from "../lib/schema/parse";
import { generatedSchema } from "../lib/testing/generated-schema";
import { removeProject, tempProject } from "../lib/testing/temp-project";

const ROOT = path.resolve(import.meta.dirname, "..");
export const PORT = 3217;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function startServer(projectRoot: string): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(PORT)],
    {
      cwd: ROOT,
      env: { ...process.env, SCHEMAFLOW_PROJECT: projectRoot, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/icon.svg`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error("next start did not come up");
}

/** Milliseconds from navigation to a canvas whose nodes are drawn and that answers input. */
async function openMs(page: Page): Promise<number> {
  await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: "commit" });
  await page.waitForSelector(".react-flow__node [data-model]", { timeout: 120_000 });
  return page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))),
  );
}

/** Frames per second while a node is dragged 60 steps across the screen. */
async function dragFps(page: Page, model?: string): Promise<{ fps: number; worstFrameMs: number }> {
  // By its header, or the whole block when zoomed out (components/canvas/NodeBlock).
  const header = page
    .locator(`${model ? `.react-flow__node:has([data-model="${model}"])` : ".react-flow__node"} .model-drag-handle`)
    .first();
  const box = (await header.boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(box.x + 20 + i * 3, box.y + box.height / 2 + i);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const duration = frames.at(-1)! - frames[0];
  return { fps: (gaps.length / duration) * 1000, worstFrameMs: Math.max(...gaps) };
}

/** Milliseconds from pressing Enter on a renamed field to the new name on screen. */
async function renameMs(page: Page, model: string, round: number): Promise<number> {
  const row = page.locator(`[data-model="${model}"] li[data-field]`).nth(1);
  const oldName = await row.getAttribute("data-field");
  await row.getByRole("button").first().dblclick();
  const input = row.getByRole("textbox");
  const name = `renamed${round}`;
  await input.fill(name);
  return page.evaluate(
    ([from, to]) =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>(`li[data-field="${from}"] input`)!;
        const start = performance.now();
        const check = () =>
          document.querySelector(`li[data-field="${to}"]`) ? resolve(performance.now() - start) : requestAnimationFrame(check);
        input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        requestAnimationFrame(check);
      }),
    [oldName!, name] as const,
  );
}

export async function benchCanvas(sizes = [100, 500, 1000], runs = 3): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("run `npm run build` before the canvas benchmark");
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const models of sizes) {
      const project = tempProject(generatedSchema(models));
      const graph = parseSchema(fs.readFileSync(project.schemaPath, "utf8"));
      // Opened before: positions are saved (a first open computes them once; see layout_ms).
      const started = performance.now();
      const positions = await autoLayout(new ELK(), graph);
      const layoutMs = performance.now() - started;
      await saveLayout(project, graph, layoutByName(graph, positions));
      const server = await startServer(project.root);
      try {
        const opens: number[] = [];
        const fitted: number[] = [];
        const worst: number[] = [];
        const zoomed: number[] = [];
        const renames: number[] = [];
        for (let run = 0; run < runs; run++) {
          const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
          // tsx names functions with an __name helper that the page does not have.
          await page.addInitScript("window.__name = (f) => f");
          opens.push(await openMs(page));
          const drag = await dragFps(page);
          fitted.push(drag.fps);
          worst.push(drag.worstFrameMs);
          // Close up, as one edits: detailed nodes, only the visible ones rendered.
          await page.keyboard.press("Control+f");
          await page.keyboard.type(graph.models[0].name);
          await page.keyboard.press("Enter");
          await page.waitForTimeout(500);
          await page.screenshot({ path: `/tmp/bench-canvas-${models}.png` });
          renames.push(await renameMs(page, graph.models[0].name, run));
          zoomed.push((await dragFps(page, graph.models[0].name)).fps);
          await page.close();
        }
        const fields = graph.models.reduce((n, m) => n + m.fields.length, 0);
        console.log(
          `canvas models=${models} fields=${fields} open_ms=${Math.round(median(opens))} (median of ${runs}, positions saved)`,
        );
        console.log(
          `canvas models=${models} drag_fps_fitted=${Math.round(median(fitted))} worst_frame_ms=${Math.round(median(worst))}`,
        );
        console.log(`canvas models=${models} drag_fps_zoomed=${Math.round(median(zoomed))}`);
        console.log(`canvas models=${models} rename_to_screen_ms=${Math.round(median(renames))}`);
        console.log(`canvas models=${models} first_open_elk_layout_ms=${Math.round(layoutMs)}`);
      } finally {
        server.kill();
        removeProject(project);
      }
    }
  } finally {
    await browser.close();
  }
}

/** Records the page's long tasks (over 50 ms) from its start, for settledMs. */
const RECORD_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask" });`;

/**
 * Milliseconds from an input at `start` (the page's clock) until the page has settled: the
 * frame after it (`frameMs`), or the end of the last long task that began since, if later.
 * The frame alone misses work React schedules after it (a redraw of the nodes in view).
 */
async function settledMs(page: Page, { start, frameMs }: { start: number; frameMs: number }): Promise<number> {
  const lastEnd = () =>
    page.evaluate(
      (from) =>
        Math.max(
          0,
          ...(window as unknown as { __longTasks: number[][] }).__longTasks
            .filter(([at]) => at >= from)
            .map(([at, duration]) => at + duration - from),
        ),
      start,
    );
  // Until 300 ms have passed without a long task ending (5 s at most).
  for (let waited = 0; waited < 5000; waited += 300) {
    await page.waitForTimeout(300);
    const [end, now] = [await lastEnd(), await page.evaluate((from) => performance.now() - from, start)];
    if (now - end >= 300) return Math.max(frameMs, end);
  }
  return Math.max(frameMs, await lastEnd());
}

/** Milliseconds from choosing a display mode (Show ▾) until the page has settled. */
async function displaySwitchMs(page: Page, mode: string): Promise<number> {
  const timed = await page.evaluate(
    (value) =>
      new Promise<{ start: number; frameMs: number }>((resolve) => {
        const select = document.querySelector<HTMLSelectElement>('select[aria-label="Show on each table"]')!;
        const start = performance.now();
        Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!.call(select, value);
        select.dispatchEvent(new Event("change", { bubbles: true }));
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ start, frameMs: performance.now() - start })));
      }),
    mode,
  );
  return settledMs(page, timed);
}

/** Milliseconds from Enter in the search box, which shows the table's neighbourhood (lib/layout/focus), until the page has settled. */
async function focusMs(page: Page, name: string): Promise<number> {
  await page.keyboard.press("Control+f");
  await page.keyboard.type(name);
  const start = await page.evaluate(() => performance.now());
  await page.keyboard.press("Enter");
  const frameMs = await page.evaluate(
    (from) =>
      new Promise<number>((resolve) => {
        const check = () =>
          document.querySelector('[aria-label="Focus"]')
            ? requestAnimationFrame(() => resolve(performance.now() - from))
            : requestAnimationFrame(check);
        check();
      }),
    start,
  );
  return settledMs(page, { start, frameMs });
}

/** Milliseconds from a click on a button of the View ▾ menu (opened first) until the page has settled. */
async function viewMenuMs(page: Page, label: string): Promise<number> {
  await page.locator("summary", { hasText: "View:" }).click();
  const timed = await page.evaluate(
    (text) =>
      new Promise<{ start: number; frameMs: number }>((resolve) => {
        const menu = document.querySelector('[role="menu"][aria-label="Views"]')!;
        const button = [...menu.querySelectorAll("button")].find((b) => b.textContent?.includes(text))!;
        const start = performance.now();
        button.click();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ start, frameMs: performance.now() - start })));
      }),
    label,
  );
  return settledMs(page, timed);
}

/**
 * Areas made from the schema; a search, which opens its table in focus; the focus saved as a
 * view; switching to the whole schema and back, timed.
 */
async function areasAndViews(
  page: Page,
  run: number,
  table: string,
): Promise<{ areas: number; count: number; focus: number; switches: number[] }> {
  const areas = await viewMenuMs(page, "Make areas from the schema");
  const count = await page.locator(".react-flow__node-area").count();
  if (run === 0) await page.screenshot({ path: `/tmp/bench-areas-${table}.png` });
  const focus = await focusMs(page, table);
  const name = `Bench ${run}`;
  await page.locator("summary", { hasText: "View:" }).click();
  await page.getByRole("textbox", { name: "New view name" }).fill(name);
  await page.getByRole("button", { name: "Save view" }).click();
  await page.locator("summary", { hasText: `View: ${name}` }).waitFor();
  const switches = [await viewMenuMs(page, "Whole schema"), await viewMenuMs(page, name)];
  return { areas, count, focus, switches };
}

/**
 * Opening an existing schema, as a user does: the first open (parse, auto-layout on the
 * server, first render) and the next (positions saved); the nodes React Flow put in the
 * DOM and the first view's zoom (lib/layout/zoom); a screenshot in /tmp.
 */
export async function benchOpenFile(file: string, label: string, text = fs.readFileSync(file, "utf8")): Promise<void> {
  const project = tempProject(text);
  const server = await startServer(project.root);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const times: number[] = [];
    const switches: number[] = [];
    const focuses: number[] = [];
    const drags: number[] = [];
    const areaTimes: number[] = [];
    const viewSwitches: number[] = [];
    let areaCount = 0;
    const firstModel = parseSchema(text).models[0].name;
    let view = { nodes: 0, zoom: "" };
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      // tsx names functions with an __name helper that the page does not have.
      await page.addInitScript("window.__name = (f) => f");
      await page.addInitScript(RECORD_LONG_TASKS);
      times.push(await openMs(page));
      view = {
        nodes: await page.locator(".react-flow__node").count(),
        zoom: /scale\(([\d.]+)\)/.exec((await page.locator(".react-flow__viewport").getAttribute("style")) ?? "")?.[1] ?? "?",
      };
      if (run === 0) await page.screenshot({ path: `/tmp/bench-open-${label}.png` });
      // At the first view: a drag, each display mode and back; then a search, which opens its table in focus.
      drags.push((await dragFps(page)).fps);
      for (const mode of ["keys", "names", "all"]) switches.push(await displaySwitchMs(page, mode));
      const board = await areasAndViews(page, run, firstModel);
      areaTimes.push(board.areas);
      viewSwitches.push(...board.switches);
      areaCount = board.count;
      focuses.push(board.focus);
      await page.close();
    }
    const models = parseSchema(text).models.length;
    console.log(`open file=${label} models=${models} first_open_ms=${Math.round(times[0])} (parse + auto-layout + first render)`);
    console.log(
      `open file=${label} models=${models} reopen_ms=${Math.round(median(times.slice(1)))} (layout saved; median of 2)`,
    );
    console.log(`open file=${label} models=${models} dom_nodes=${view.nodes} first_view_zoom=${view.zoom}`);
    console.log(
      `open file=${label} models=${models} display_switch_ms=${Math.round(median(switches))} (Show ▾ until settled, first view; median of ${switches.length})`,
    );
    console.log(
      `open file=${label} models=${models} drag_fps_first_view=${Math.round(median(drags))} (a table dragged at the first view; median of ${drags.length})`,
    );
    console.log(
      `open file=${label} models=${models} focus_ms=${Math.round(median(focuses))} (search Enter, its neighbours shown, until settled; median of ${focuses.length})`,
    );
    console.log(
      `open file=${label} models=${models} areas_from_schema_ms=${Math.round(median(areaTimes))} area_nodes_drawn=${areaCount} (View ▾ Make areas until settled; median of ${areaTimes.length})`,
    );
    console.log(
      `open file=${label} models=${models} view_switch_to_whole_ms=${Math.round(median(viewSwitches.filter((_, i) => i % 2 === 0)))} view_switch_to_saved_ms=${Math.round(median(viewSwitches.filter((_, i) => i % 2 === 1)))} (View ▾ the whole schema, then a saved view of a focus, until settled; medians of ${viewSwitches.length / 2})`,
    );
  } finally {
    await browser.close();
    server.kill();
    removeProject(project);
  }
}

if (process.argv[1] === import.meta.filename) {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  await benchCanvas(sizes.length ? sizes : undefined);
}
