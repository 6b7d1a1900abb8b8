import fc from "fast-check";
import { expect, test } from "vitest";
import { seedTutorial } from "../data/seed";
import { applyRevision } from "../migrate/revision";
import type { Project } from "../project/project";
import type { SchemaGraph } from "../schema/graph";
import { quoteIdentifier } from "../schema/identifiers";
import { queryRows } from "../testing/query";
import { name, openTabs, runStep, step, type Step } from "../testing/sync-steps";
import { removeProject, tempProject } from "../testing/temp-project";
import { currentHead } from "./schema-head";

/**
 * Model-based, with Migrate among the steps: three tabs' edits (renames among them), hand
 * edits of the file and migrations of the seeded tutorial database through the real schema
 * engine, in random interleavings. No column value is lost by a Migrate that the accepted
 * operations did not ask to drop: every field that survives, renamed or not, keeps every
 * row's value (a NULL aside where the field was made required). 2,000 runs, as the sync's
 * own fuzz (schema-head.property.test.ts); each migration runs the engine (~0.1 s a run).
 */

/** Renames are what a migration most easily gets wrong (a drop and an add): more of them. */
const rename: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant("edit" as const),
  tab: fc.nat(2),
  edit: fc.record({ kind: fc.constant("rename-field" as const), model: fc.nat(20), field: fc.nat(20), name }),
});
const runs = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: step },
    { weight: 2, arbitrary: rename },
    { weight: 2, arbitrary: fc.constant({ kind: "migrate" } as const) },
  ),
  { minLength: 2, maxLength: 10 },
);

/** Each scalar column's values by row id, keyed by the field's id (which a rename keeps). */
function valuesByField(project: Project, graph: SchemaGraph): Map<string, Map<unknown, unknown>> {
  const rows = (sql: string) => queryRows(project.databasePath, sql) as Record<string, unknown>[];
  const tables = new Set(rows("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
  const values = new Map<string, Map<unknown, unknown>>();
  for (const model of graph.models) {
    const table = model.dbName ?? model.name;
    const id = model.fields.find((f) => f.isId);
    if (!id || !tables.has(table)) continue;
    const columns = new Set(rows(`PRAGMA table_info(${quoteIdentifier(table)})`).map((c) => c.name));
    for (const field of model.fields) {
      const column = field.dbName ?? field.name;
      if (field.kind !== "scalar" || !columns.has(column)) continue;
      const read = rows(
        `SELECT ${quoteIdentifier(id.dbName ?? id.name)} AS k, ${quoteIdentifier(column)} AS v FROM ${quoteIdentifier(table)}`,
      );
      values.set(field.id, new Map(read.map((r) => [r.k, r.v])));
    }
  }
  return values;
}

const fieldOf = (graph: SchemaGraph, id: string) => graph.models.flatMap((m) => m.fields).find((f) => f.id === id);

test("random interleavings of tabs, hand edits and Migrate never lose a value the operations did not drop", async () => {
  await fc.assert(
    fc.asyncProperty(runs, async (steps) => {
      const project = tempProject();
      try {
        await applyRevision(project, { name: "init" });
        await seedTutorial(project);
        const first = await currentHead(project);
        let migrated = first.graph;
        const tabs = await openTabs(project);
        for (const [n, s] of steps.entries()) {
          if (s.kind === "migrate") {
            const before = valuesByField(project, migrated);
            const head = await currentHead(project);
            const result = await applyRevision(project, { name: `m${n}`, acceptDataLoss: true });
            if (result.status !== "applied" && result.status !== "up-to-date") {
              // Refused before anything was written (a required column without a default on rows, say): said, and nothing changed.
              expect(["rehearsal-failed", "failed"]).toContain(result.status);
              expect(valuesByField(project, migrated)).toEqual(before);
              continue;
            }
            const after = valuesByField(project, head.graph);
            for (const [fieldId, values] of before) {
              const field = fieldOf(head.graph, fieldId);
              if (!field) continue; // dropped by an accepted operation
              const now = after.get(fieldId);
              expect(now, `${field.name} lost its column`).toBeDefined();
              for (const [row, value] of values) {
                if (value === null && !field.optional) continue; // made required: filled as the plan said
                expect(now!.get(row), `${field.name} of row ${String(row)}`).toEqual(value);
              }
            }
            migrated = head.graph;
            continue;
          }
          const result = await runStep(project, tabs, s);
          if (result && !result.ok) expect(result.error.length).toBeGreaterThan(10);
        }
      } finally {
        removeProject(project);
      }
    }),
    { numRuns: 2000 },
  );
}, 1_500_000);
