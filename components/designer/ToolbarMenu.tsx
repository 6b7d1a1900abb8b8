"use client";

/** A toolbar button that opens a short menu (Export ▾, Import ▾); choosing an item closes it. */
export function ToolbarMenu(props: { label: string; title: string; items: readonly (readonly [string, string, () => void])[] }) {
  return (
    <details className="relative">
      <summary
        className="cursor-pointer list-none rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
        title={props.title}
      >
        {props.label}
      </summary>
      <div className="absolute left-0 z-30 mt-1 flex w-56 flex-col rounded border border-slate-300 bg-white p-1 shadow-lg">
        {props.items.map(([label, title, run]) => (
          <button
            key={label}
            type="button"
            title={title}
            className="rounded px-2 py-1 text-left text-sm hover:bg-slate-100"
            onClick={(event) => {
              (event.currentTarget.closest("details") as HTMLDetailsElement).open = false;
              run();
            }}
          >
            {label}
          </button>
        ))}
      </div>
    </details>
  );
}
