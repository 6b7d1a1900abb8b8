import fs from "node:fs";
import fc from "fast-check";
import { expect, test } from "vitest";
import { checkSchemaText } from "../schema/text-check";
import { openTabs, runStep, step } from "../testing/sync-steps";
import { removeProject, tempProject } from "../testing/temp-project";
import { applyChanges, elementsOf } from "./patch";
import { currentHead } from "./schema-head";

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
        const tabs = await openTabs(project);
        for (const s of steps) {
          const result = await runStep(project, tabs, s);
          if (result && !result.ok) expect(result.error.length).toBeGreaterThan(10);
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
