// The data grid on a 1,000,000-row table: server milliseconds for a page of 100 rows
// (sorted and filtered, with the index the sort needs), the filtered count, and frames per
// second while the grid is scrolled in Chromium against `next start`.
import fs from "node:fs";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { countRows, readRows, type Cursor, type RowQuery } from "../lib/data/rows";
import { applyRevision } from "../lib/migrate/revision";
import type { Project } from "../lib/project/project";
import { parseSchema } from "../lib/schema/parse";
import { removeProject, tempProject } from "../lib/testing/temp-project";
import { PORT, startServer } from "./canvas";

const ROWS = 1_000_000;
export const SCHEMA = `datasource db {
  provider = "sqlite"
}

model Event {
  id      Int      @id @default(autoincrement())
  name    String
  email   String
  score   Int
  created DateTime

  @@index([email])
  @@index([created])
}
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function millionRows(): Promise<Project> {
  const project = tempProject(SCHEMA);
  await applyRevision(project, { name: "init" });
  const database = new Database(project.databasePath);
  const insert = database.prepare("INSERT INTO Event (name, email, score, created) VALUES (?, ?, ?, ?)");
  const names = ["spongebob", "sandy", "patrick", "squidward", "krabs", "plankton", "karen", "gary", "pearl", "puff"];
  let seed = 42;
  // mulberry32: a fixed sequence, so every run builds the same table.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  database.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      // Names and e-mails independent of each other, as in real data: a filter on one is spread along the other's order.
      const name = `${names[i % names.length]}${Math.floor(random() * 100000)}`;
      const email = `${names[Math.floor(random() * names.length)]}.${Math.floor(random() * 1e9).toString(36)}@example.org`;
      insert.run(
        name,
        email,
        Math.floor(random() * 1000),
        new Date(1.6e12 + Math.floor(random() * 1e11)).toISOString().replace("Z", "+00:00"),
      );
    }
  })();
  database.close();
  return project;
}

/** The pages the bench asks for, on SQLite and PostgreSQL alike; `middle` is the cursor at row 500,000 in email order. */
export function gridPages(middle: Cursor): [string, RowQuery][] {
  return [
    ["first_page_ms", { table: "Event", limit: 100 }],
    [
      "page_sorted_email_filtered_name_starts_ms",
      {
        table: "Event",
        sort: { column: "email", direction: "asc" },
        filters: [{ column: "name", op: "starts", value: "sandy" }],
        limit: 100,
      },
    ],
    [
      "page_sorted_created_desc_filtered_score_gte_ms",
      {
        table: "Event",
        sort: { column: "created", direction: "desc" },
        filters: [{ column: "score", op: "gte", value: "900" }],
        limit: 100,
      },
    ],
    [
      "page_500000_sorted_email_filtered_ms",
      {
        table: "Event",
        sort: { column: "email", direction: "asc" },
        filters: [{ column: "name", op: "contains", value: "a" }],
        after: middle,
        limit: 100,
      },
    ],
  ];
}

export async function timeQuery(project: Project, query: RowQuery, runs = 15, schema = SCHEMA): Promise<number> {
  const graph = parseSchema(schema);
  await readRows(project, graph, query); // the catalogue is read once per schema version
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await readRows(project, graph, query);
    times.push(ms(start));
  }
  return median(times);
}

export async function benchGrid(): Promise<void> {
  const start = process.hrtime.bigint();
  const project = await millionRows();
  console.log(`grid rows=${ROWS} build_table_ms=${Math.round(ms(start))}`);
  try {
    const graph = parseSchema(SCHEMA);
    const middle = new Database(project.databasePath, { readonly: true })
      .prepare("SELECT rowid, email FROM Event ORDER BY email, rowid LIMIT 1 OFFSET 500000")
      .get() as { rowid: number; email: string };
    const pages = gridPages({ value: middle.email, row: [middle.rowid] });
    for (const [label, query] of pages) {
      const rows = (await readRows(project, graph, query)).rows.length;
      console.log(
        `grid ${label}=${(await timeQuery(project, query)).toFixed(1)} (rows=${rows}, median of 15, server: open + query + close)`,
      );
    }
    const countStart = process.hrtime.bigint();
    const matching = await countRows(project, graph, "Event", [{ column: "name", op: "starts", value: "sandy" }]);
    console.log(
      `grid filtered_count_ms=${Math.round(ms(countStart))} (count=${matching}; fetched beside the page, not before it)`,
    );
    await scrollFps(project);
  } finally {
    removeProject(project);
  }
}

/** Frames per second while the grid of the million-row table is scrolled down 200 wheel steps, and the rows in the DOM. */
async function scrollFps(project: Project): Promise<void> {
  if (!fs.existsSync(".next/BUILD_ID")) return console.log("grid scroll=skipped (run npm run build first)");
  const server = await startServer(project.root);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByRole("button", { name: "Data", exact: true }).click();
    const grid = page.locator('[aria-label="Rows of Event"][tabindex="0"]');
    await grid.locator("tbody tr").nth(5).waitFor();
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // A string, not a function: tsx's transform would add helpers the page does not have.
    await page.evaluate(`window.__frames = []; window.__recording = true;
      const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);`);
    for (let i = 0; i < 200; i++) {
      await page.mouse.wheel(0, 120);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    }
    const frames = (await page.evaluate("window.__recording = false; window.__frames")) as number[];
    const gaps = frames.slice(1).map((t, i) => t - frames[i]);
    const fps = (gaps.length / (frames.at(-1)! - frames[0])) * 1000;
    const loaded = await page.evaluate(
      () => document.querySelector('[aria-label="Rows of Event"][tabindex="0"]')!.scrollTop / 28,
    );
    const inDom = await grid.locator("tbody tr").count();
    console.log(
      `grid scroll_fps=${Math.round(fps)} worst_frame_ms=${Math.round(Math.max(...gaps))} (200 wheel steps; scrolled past ${Math.round(loaded)} rows, ${inDom} rows in the DOM)`,
    );
  } finally {
    await browser.close();
    server.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGrid();
