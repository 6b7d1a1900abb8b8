import { z } from "zod";
import { DISPLAY_MODES } from "./display";
import { AREA_COLORS, WHOLE_SCHEMA, wholeSchemaView, type Area, type Board, type SavedView } from "./board";
import type { NodeView } from "./positions";

/**
 * prisma/schema.layout.json: where each node sits and its color, the areas and the saved
 * views, all by table name (what a person reads in the file and in a diff). A file written
 * by hand, by an older version or over a schema that changed since is read as far as it
 * makes sense: what does not is repaired or left out, and each repair is said in a note.
 */

const color = z.string().regex(/^#[0-9a-f]{6}$/i);
const name = z.string().trim().min(1).max(200);
const tables = z.array(z.string().max(500)).max(20_000);

export const nodeLayoutSchema = z.object({ x: z.number().finite(), y: z.number().finite(), color: color.optional() });
export const areaSchema = z.object({
  id: z.string().min(1).max(100),
  name,
  color,
  tables,
  collapsed: z.boolean().optional(),
  display: z.enum(DISPLAY_MODES).optional(),
});
const viewportSchema = z.object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().positive().max(10) });
export const savedViewSchema = z.object({
  id: z.string().min(1).max(100),
  name,
  tables: tables.optional(),
  hidden: tables,
  viewport: viewportSchema.optional(),
});

export interface LayoutFile {
  positions: Record<string, NodeView>;
  board: Board;
}

/** An area or view as written, read as far as it goes: a missing color or hidden list is filled in. */
const lenientArea = areaSchema.extend({ color: color.catch(AREA_COLORS[0]) });
const lenientView = savedViewSchema.extend({ hidden: tables.catch([]) });

function entriesOf<T extends { id: string; name: string }>(
  raw: unknown,
  schema: z.ZodType<T>,
  kind: "area" | "view",
  notes: string[],
): T[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    notes.push(`The layout file's ${kind}s are not a list: they were ignored.`);
    return [];
  }
  const seen = new Set<string>();
  return raw.flatMap((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      notes.push(`The layout file's ${kind} #${index + 1} is not one Schemaflow can read: it was ignored.`);
      return [];
    }
    if (seen.has(parsed.data.id)) {
      notes.push(`The layout file has two ${kind}s with the id "${parsed.data.id}": the second was ignored.`);
      return [];
    }
    seen.add(parsed.data.id);
    return [parsed.data];
  });
}

/** `tables` without the names the schema does not have, said once per entry. */
function known(list: string[], names: Set<string>, where: string, notes: string[]): string[] {
  const kept = list.filter((table) => names.has(table));
  const gone = [...new Set(list.filter((table) => !names.has(table)))];
  if (gone.length) notes.push(`${where} named ${gone.map((t) => `"${t}"`).join(", ")}, no longer in the schema: left out.`);
  return kept;
}

function repairAreas(areas: Area[], names: Set<string>, notes: string[]): Area[] {
  return areas.flatMap((area) => {
    const kept = [...new Set(known(area.tables, names, `Area "${area.name}"`, notes))];
    if (kept.length) return [{ ...area, tables: kept }];
    notes.push(`Area "${area.name}" has no table left in the schema: it was removed.`);
    return [];
  });
}

function repairViews(views: SavedView[], names: Set<string>, notes: string[]): SavedView[] {
  const repaired = views.flatMap((view) => {
    const hidden = known(view.hidden, names, `View "${view.name}"`, notes);
    if (view.id === WHOLE_SCHEMA) return [{ ...wholeSchemaView(hidden), viewport: view.viewport }];
    if (!view.tables) return [{ ...view, hidden }];
    const shown = known(view.tables, names, `View "${view.name}"`, notes);
    if (shown.length) return [{ ...view, tables: shown, hidden }];
    notes.push(`View "${view.name}" has no table left in the schema: it was removed.`);
    return [];
  });
  return repaired.some((view) => view.id === WHOLE_SCHEMA) ? repaired : [wholeSchemaView(), ...repaired];
}

/** The layout file's content (parsed JSON, or undefined when there is none) over a schema with these node names. */
export function readLayoutFile(json: unknown, nodeNames: Iterable<string>): { file: LayoutFile; notes: string[] } {
  const notes: string[] = [];
  const names = new Set(nodeNames);
  const object = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (json !== undefined && object !== json) notes.push("The layout file is not a JSON object: positions are recomputed.");
  const positions: Record<string, NodeView> = {};
  const rawPositions = object.positions && typeof object.positions === "object" ? object.positions : {};
  for (const [table, raw] of Object.entries(rawPositions)) {
    const parsed = nodeLayoutSchema.safeParse(raw);
    // A position of a table no longer in the schema (renamed or deleted in an editor) is dropped quietly: the table is laid out again.
    if (parsed.success && names.has(table)) positions[table] = parsed.data;
  }
  const areas = repairAreas(entriesOf(object.areas, lenientArea, "area", notes), names, notes);
  const views = repairViews(entriesOf(object.views, lenientView, "view", notes), names, notes);
  const unknown = Object.keys(object).filter((key) => !["version", "positions", "areas", "views"].includes(key));
  if (unknown.length) notes.push(`The layout file's ${unknown.map((k) => `"${k}"`).join(", ")} is not Schemaflow's: ignored.`);
  const board = {
    areas: Object.fromEntries(areas.map((area) => [area.id, area])),
    views: Object.fromEntries(views.map((view) => [view.id, view])),
  };
  // A view naming a deleted table both as shown and as hidden says it once.
  return { file: { positions, board }, notes: [...new Set(notes)] };
}

const rounded = (view: NodeView): NodeView => ({
  x: Math.round(view.x),
  y: Math.round(view.y),
  ...(view.color ? { color: view.color } : {}),
});

/** localeCompare's order, without a collator made for each comparison (5,044 names: ~25 ms to ~2). */
const byName = new Intl.Collator();

/** The file's text: positions sorted by name and rounded, then areas and views in order (a small diff for each change). */
export function printLayoutFile(file: LayoutFile): string {
  const positions = Object.fromEntries(
    Object.entries(file.positions)
      .sort(([a], [b]) => byName.compare(a, b))
      .map(([table, view]) => [table, rounded(view)]),
  );
  const areas = Object.values(file.board.areas);
  const views = Object.values(file.board.views).filter((view) => view.id !== WHOLE_SCHEMA || view.hidden.length || view.viewport);
  const content = { version: 1, positions, ...(areas.length ? { areas } : {}), ...(views.length ? { views } : {}) };
  return `${JSON.stringify(content, null, 2)}\n`;
}
