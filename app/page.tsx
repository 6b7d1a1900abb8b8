import { Designer } from "@/components/Designer";
import { currentProject } from "@/lib/project/project";
import { openSchema } from "@/lib/project/schema-store";

// The schema file is the source of truth: read it on every request.
export const dynamic = "force-dynamic";

export default async function Page() {
  try {
    const { graph, layout } = await openSchema(currentProject());
    return <Designer initialGraph={graph} initialLayout={layout} />;
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
}
