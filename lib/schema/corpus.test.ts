import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { compileSchema } from "./compile";
import { parseSchemaFile as parseSchema } from "./parse-file";
import { readDatamodel } from "./prisma-wasm";
import { readSourceNotes, type SourceNotes } from "./source-notes";

/**
 * Every schema of ../shared/corpus/prisma (real schemas by other people, SQLite-adapted)
 * and of ../shared/corpus/postgresql (their PostgreSQL originals: native types, scalar
 * lists, Json defaults, index options, extensions):
 * read into the graph and printed back, it must mean the same to Prisma (equal datamodel:
 * models, fields, types, attributes, defaults, relations with names and actions, enums,
 * keys and indexes, @map/@@map, documentation) and keep every comment. What Prisma's
 * datamodel leaves out (@ignore and Unsupported(...) fields, @@ignore models) must come
 * back as prisma-ast reads it. A schema with constructs the graph cannot hold must be
 * refused for writing, never written without them. Every failure is listed.
 */
const corpusFiles = (name: string) => {
  const folder = path.resolve(import.meta.dirname, "../../../shared/corpus", name);
  return fs.existsSync(folder)
    ? fs
        .readdirSync(folder)
        .filter((f) => f.endsWith(".prisma"))
        .map((f) => path.join(folder, f))
    : [];
};

function allComments(notes: SourceNotes): string[] {
  const comments = [...notes.header, ...notes.footer];
  for (const block of notes.blocks.values()) {
    comments.push(...block.leading, ...block.beforeAttributes, ...block.end);
    for (const member of block.members.values())
      comments.push(...(member.leading ?? []), ...(member.trailing ? [member.trailing] : []));
  }
  return comments.map((c) => c.trim()).sort();
}

/** The parts Prisma's datamodel omits, as prisma-ast reads them (blank lines aside). */
function verbatimParts(notes: SourceNotes): string[] {
  const parts = notes.ignoredBlocks.map((block) => block.text.replace(/\n\s*\n/g, "\n"));
  for (const [name, block] of notes.blocks)
    for (const field of block.verbatim)
      parts.push(`${name}: ${[...(field.comments.leading ?? []), field.text, field.comments.trailing ?? ""].join("\n")}`);
  return parts.sort();
}

/** What else the datamodel leaves out and a database needs: datasource settings (extensions...), foreign key names. */
function settingsAndKeyNames(notes: SourceNotes): string[] {
  const parts = notes.datasourceConfig.map(([key, value]) => `${key} = ${value}`);
  for (const [name, block] of notes.blocks)
    for (const [member, { relationMap }] of block.members) if (relationMap) parts.push(`${name}.${member}: ${relationMap}`);
  return parts.sort();
}

test.each(["prisma", "postgresql"])("the %s corpus round-trips", (corpus) => {
  const files = corpusFiles(corpus);
  if (!files.length) return;
  const failures: string[] = [];
  const readOnly: string[] = [];
  for (const filePath of files) {
    const file = path.basename(filePath);
    const text = fs.readFileSync(filePath, "utf8");
    try {
      const graph = parseSchema(text);
      if (graph.readOnly?.length) {
        const refused = compileSchema(graph);
        if (refused.ok) failures.push(`${file}: holds ${graph.readOnly.join(", ")} but was written anyway`);
        else readOnly.push(file);
        continue;
      }
      const printed = compileSchema(graph);
      if (!printed.ok) {
        failures.push(
          `${file}: refused: ${printed.problems
            .map((p) => p.message)
            .join(" | ")
            .slice(0, 300)}`,
        );
        continue;
      }
      const before = JSON.stringify(readDatamodel(text));
      const after = JSON.stringify(readDatamodel(printed.text));
      if (before !== after) {
        let i = 0;
        while (before[i] === after[i]) i++;
        failures.push(
          `${file}: datamodel differs near …${before.slice(Math.max(0, i - 120), i + 60)}… printed …${after.slice(i - 10, i + 60)}…`,
        );
      }
      const lost = allComments(readSourceNotes(text));
      for (const comment of allComments(readSourceNotes(printed.text)))
        lost.splice(lost.indexOf(comment), lost.indexOf(comment) >= 0 ? 1 : 0);
      if (lost.length) failures.push(`${file}: comments lost: ${lost.slice(0, 5).join(" / ")}`);
      const [settings, settingsBack] = [text, printed.text].map((t) => settingsAndKeyNames(readSourceNotes(t)));
      if (JSON.stringify(settings) !== JSON.stringify(settingsBack))
        failures.push(
          `${file}: settings or foreign key names differ: ${settings
            .filter((p) => !settingsBack.includes(p))
            .join(" / ")
            .slice(0, 300)}`,
        );
      const kept = verbatimParts(readSourceNotes(text));
      const back = verbatimParts(readSourceNotes(printed.text));
      if (JSON.stringify(kept) !== JSON.stringify(back)) {
        const missing = kept.filter((part) => !back.includes(part));
        failures.push(
          `${file}: ignored or unsupported parts differ: ${(missing.length ? missing : back).join(" / ").slice(0, 300)}`,
        );
      }
    } catch (error) {
      failures.push(`${file}: threw ${String(error).slice(0, 300)}`);
    }
  }
  // Read-only schemas are failures too: every schema of the corpus opens to be edited.
  for (const file of readOnly) failures.push(`${file}: opened read-only`);
  expect(failures, failures.join("\n")).toEqual([]);
});
