import fs from "node:fs";
import fc from "fast-check";
import { expect, test } from "vitest";
import type { SchemaGraph } from "../schema/graph";
import { checkSchemaText } from "../schema/text-check";
import { perform, step } from "../testing/sync-steps";
import { removeProject, tempProject } from "../testing/temp-project";
import { applyChanges, diffGraphs, elementsOf } from "./patch";
import { applyPatch, currentHead, type PatchResult, type SchemaVersion } from "./schema-head";

/**
 * Model-based: three tabs editing on whatever version they last saw, and the file written
 * by hand in between, in random interleavings, against the real server code. Whatever
 * happens, the file validates, every refusal says why, the server's history replays to the
 * file (a serial application of what it accepted), and no accepted change is lost unless a
 * later one changed the same element.
 */

test("random interleavings of three tabs and hand edits of the file never lose an accepted change", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
      const project = tempProject();
      try {
        const first = await currentHead(project);
        const tabs = [0, 1, 2].map(() => ({
          graph: first.graph,
          base: { version: first.version, hash: first.hash } as SchemaVersion,
        }));
        const results: PatchResult[] = [];
        for (const s of steps) {
          if (s.kind === "file") {
            const text = fs.readFileSync(project.schemaPath, "utf8");
            if (!new RegExp(`model ${s.name} \\{`).test(text))
              fs.writeFileSync(project.schemaPath, `${text}\nmodel ${s.name} {\n  id Int @id\n}\n`);
            continue;
          }
          const tab = tabs[s.tab];
          if (s.kind === "refresh") {
            const head = await currentHead(project);
            Object.assign(tab, { graph: head.graph, base: { version: head.version, hash: head.hash } });
            continue;
          }
          let next: SchemaGraph;
          try {
            next = perform(tab.graph, s.edit);
          } catch {
            continue; // the operation itself refused (a duplicate name): nothing is sent
          }
          const result = await applyPatch(project, { base: tab.base, changes: diffGraphs(tab.graph, next), by: `tab-${s.tab}` });
          results.push(result);
          if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
        }
        const head = await currentHead(project);
        // The file validates.
        expect(checkSchemaText(fs.readFileSync(project.schemaPath, "utf8")).ok).toBe(true);
        // The history replays to the head: a serial application of what was accepted (and what the file did).
        let replayed = first.graph;
        for (const record of head.log.slice(1)) replayed = applyChanges(replayed, record.changes);
        expect(elementsOf(replayed)).toEqual(elementsOf(head.graph));
        // No accepted change is lost: each element it set is still so, unless a later version changed it.
        const final = elementsOf(head.graph);
        head.log.forEach((record, i) => {
          const later = new Set(head.log.slice(i + 1).flatMap((r) => r.changes.map((c) => c.key)));
          for (const change of record.changes) {
            if (later.has(change.key)) continue;
            expect(final.get(change.key) ?? null).toEqual(change.value);
          }
        });
      } finally {
        removeProject(project);
      }
    }),
    { numRuns: 2000 },
  );
}, 600_000);
