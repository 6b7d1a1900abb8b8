import { readRows, type RowQuery } from "../data/rows";
import type { Project } from "../project/project";
import type { SchemaGraph } from "../schema/graph";

/** One column of every row a query selects, read a page at a time through the grid's cursors. */
export async function readAllPages(
  project: Project,
  graph: SchemaGraph | undefined,
  query: Omit<RowQuery, "after">,
  column: string,
): Promise<string[]> {
  const seen: string[] = [];
  let page = await readRows(project, graph, query);
  seen.push(...page.rows.map((r) => String(r.values[column])));
  while (page.next) {
    page = await readRows(project, graph, { ...query, after: page.next });
    seen.push(...page.rows.map((r) => String(r.values[column])));
  }
  return seen;
}
