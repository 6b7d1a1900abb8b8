import ELK from "elkjs/lib/elk.bundled.js";
import { Designer } from "@/components/Designer";
import { currentProject } from "@/lib/project/project";
import { readLayout, saveLayout } from "@/lib/project/schema-store";
import { currentHead } from "@/lib/sync/schema-head";
import { autoLayout } from "@/lib/layout/auto-layout";
import { boardById } from "@/lib/layout/board";

// The schema file is the source of truth: read it on every request.
export const dynamic = "force-dynamic";

export default async function Page() {
  const project = currentProject();
  let head;
  try {
    head = await currentHead(project);
  } catch (error) {
    return (
      <main className="mx-auto max-w-2xl p-8">
        <h1 className="mb-4 text-xl font-bold">prisma/schema.prisma cannot be opened</h1>
        <pre role="alert" className="whitespace-pre-wrap rounded border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          {error instanceof Error ? error.message : String(error)}
        </pre>
        <p className="mt-4 text-sm text-slate-600">Fix the file (or restore it from version control) and reload this page.</p>
      </main>
    );
  }
  // The server's version of the schema (its ids are the ones every open tab shares).
  const { graph, version, hash } = head;
  const { file, notes } = await readLayout(project, graph);
  let layout = file.positions;
  // A schema (or part of one) that was never on the canvas is laid out once, then kept.
  const nodes = [...graph.models, ...graph.enums];
  if (nodes.some((node) => !layout[node.name])) {
    const computed = await autoLayout(new ELK(), graph);
    layout = Object.fromEntries(nodes.map((node) => [node.name, layout[node.name] ?? computed[node.id]]));
    await saveLayout(project, graph, layout);
  }
  return (
    <Designer
      initialGraph={graph}
      initialLayout={layout}
      initialBoard={boardById(graph, file.board)}
      initialVersion={{ version, hash }}
      layoutNotes={notes}
    />
  );
}
