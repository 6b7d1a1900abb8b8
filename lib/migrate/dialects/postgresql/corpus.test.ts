import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { projectAt } from "../../../project/project";
import { testDatabases } from "../../../testing/pg-database";
import { removeProject, tempProject } from "../../../testing/temp-project";
import { applyRevision, planRevision } from "../../revision";

/**
 * Every schema of ../shared/corpus/postgresql (29 real PostgreSQL schemas) migrated from
 * empty on a real server, as a user's first Migrate does: planned, rehearsed, applied, and
 * then in step (the next plan has nothing to do). Those that use an extension they do not
 * declare are refused with the extension named, and apply once they declare it, as the
 * refusal says; pgvector is not packaged for Debian's PostgreSQL, and is named as missing on
 * the server.
 */
const server = inject("postgresUrl");
const CORPUS = path.resolve(import.meta.dirname, "../../../../../shared/corpus/postgresql");
const files = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((f) => f.endsWith(".prisma")) : [];

/** The extension each schema uses without declaring it. */
const UNDECLARED: Record<string, string> = {
  "civitai-civitai__civitai-full.prisma": "citext",
  "documenso-documenso__documenso.prisma": "pg_trgm",
  "lukevella-rallly__rallly.prisma": "citext",
  "prisma-prisma-engines__standupbot.prisma": "citext",
};

/** The schema with the extension declared, as the refusal tells its user to. */
function declaring(text: string, extension: string): string {
  const declared = text.replace(/(datasource \w+ \{\n\s*provider\s*=\s*"postgresql")/, `$1\n  extensions = [${extension}]`);
  const preview = 'previewFeatures = ["postgresqlExtensions"]';
  return /generator \w+ \{/.test(declared)
    ? declared.replace(/(generator \w+ \{)/, `$1\n  ${preview}`)
    : `${declared}\ngenerator client {\n  provider = "prisma-client"\n  output   = "./generated"\n  ${preview}\n}\n`;
}
const NOT_ON_THE_SERVER: Record<string, string> = { "formbricks-formbricks__formbricks.prisma": "vector" };

describe.skipIf(!server || !files.length)("the PostgreSQL corpus migrates from empty", () => {
  const scratch = testDatabases(server);
  afterAll(() => scratch.dropAll());

  test.each(files)("%s", async (file) => {
    const project = projectAt(tempProject(fs.readFileSync(path.join(CORPUS, file), "utf8")).root, await scratch.fresh());
    try {
      const missing = NOT_ON_THE_SERVER[file];
      if (missing) {
        const refused = await applyRevision(project, { name: "init" });
        expect(refused).toMatchObject({ status: "rehearsal-failed" });
        expect(JSON.stringify(refused)).toContain(`The server has no extension \\"${missing}\\" to create`);
        return;
      }
      const extension = UNDECLARED[file];
      if (extension) {
        const refused = await applyRevision(project, { name: "init" });
        expect(refused).toMatchObject({ status: "rehearsal-failed" });
        expect(JSON.stringify(refused)).toContain(`comes from the PostgreSQL extension ${extension}`);
        fs.writeFileSync(project.schemaPath, declaring(fs.readFileSync(project.schemaPath, "utf8"), extension));
      }
      expect(await applyRevision(project, { name: "init" })).toMatchObject({ status: "applied" });
      expect(await planRevision(project)).toMatchObject({ hasChanges: false });
    } finally {
      removeProject(project);
    }
  });
});
