"use client";

import type { Draft } from "./use-schema-sync";

/**
 * What the sync needs the user to know: the file on disk is invalid right now (an edit in
 * an IDE, half done), or an edit of theirs was refused because someone changed the same
 * element first and waits as a draft.
 */
export function SyncBanner(props: { fileProblems: string[]; draft: Draft | null; onReapply(): void; onDrop(): void }) {
  if (!props.fileProblems.length && !props.draft) return null;
  return (
    <div className="absolute bottom-3 left-1/2 z-20 flex max-w-2xl -translate-x-1/2 flex-col gap-2">
      {props.fileProblems.length > 0 && (
        <section
          role="alert"
          aria-label="File problems"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 shadow-md"
        >
          <p className="font-semibold">
            prisma/schema.prisma on disk is not valid right now; the canvas shows its last valid version.
          </p>
          <ul className="mt-1 list-disc pl-5 font-mono text-xs">
            {props.fileProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <p className="mt-1 text-xs">Nothing is saved until the file is valid again.</p>
        </section>
      )}
      {props.draft && (
        <section
          role="alert"
          aria-label="Draft"
          className="rounded-md border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-950 shadow-md"
        >
          <p>{props.draft.message}</p>
          <div className="mt-2 flex gap-2">
            <button type="button" onClick={props.onReapply} className="rounded bg-sky-600 px-3 py-0.5 text-white">
              Re-apply my edit
            </button>
            <button type="button" onClick={props.onDrop} className="rounded border border-sky-300 px-3 py-0.5">
              Drop it
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
