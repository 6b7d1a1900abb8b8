"use client";

import { useEffect, useState } from "react";
import { historyAction, rollbackAction } from "@/app/actions";
import { describeLoss } from "@/lib/migrate/data-loss";
import type { RevisionEntry } from "@/lib/migrate/history";

const STATE_TONE: Record<RevisionEntry["state"], string> = {
  applied: "bg-emerald-100 text-emerald-800",
  pending: "bg-sky-100 text-sky-800",
  failed: "bg-red-100 text-red-800",
  edited: "bg-amber-100 text-amber-800",
  missing: "bg-slate-200 text-slate-700",
};

/**
 * `alembic history` and `downgrade -1`: every revision with its state, the head marked,
 * its SQL on demand, and a rollback of the last one (rehearsed and confirmed like any).
 */
export function HistoryList(props: { version: number; onRolledBack(message: string): void }) {
  const [history, setHistory] = useState<RevisionEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [losses, setLosses] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void historyAction().then((result) => (result.ok ? setHistory(result.history) : setError(result.error)));
  }, [props.version]);

  const rollback = async (acceptDataLoss: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await rollbackAction({ acceptDataLoss });
      if (!result.ok) return setError(result.error);
      const outcome = result.result;
      if (outcome.status === "rolled-back") return props.onRolledBack(`Rolled back ${outcome.revision}.`);
      if (outcome.status === "nothing-to-roll-back") return setError("No applied revision to roll back.");
      if (!outcome.rehearsal.ok) return setError(`The rollback fails on a copy of the database: ${outcome.rehearsal.error}`);
      setLosses(outcome.rehearsal.losses.map(describeLoss));
    } finally {
      setBusy(false);
    }
  };

  const head = history?.find((h) => h.head);
  return (
    <section aria-label="History" className="border-t border-slate-200 pt-3">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">History</h3>
      {error && (
        <p role="alert" className="mb-2 rounded border border-red-200 bg-red-50 p-2 text-red-800">
          {error}
        </p>
      )}
      {history && !history.length && <p className="text-slate-500">No revisions yet.</p>}
      <ol className="flex flex-col gap-1">
        {history?.map((entry) => (
          <li key={entry.name} data-revision={entry.name}>
            <details>
              <summary className="flex cursor-pointer items-center gap-2">
                <span className="font-mono text-xs">{entry.name}</span>
                <span className={`rounded px-1.5 text-[10px] font-semibold ${STATE_TONE[entry.state]}`}>{entry.state}</span>
                {entry.head && <span className="rounded bg-slate-800 px-1.5 text-[10px] font-semibold text-white">head</span>}
                {entry.appliedAt && (
                  <span className="ml-auto text-[10px] text-slate-500">{new Date(entry.appliedAt).toLocaleString()}</span>
                )}
              </summary>
              {entry.sql && (
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-900 p-2 font-mono text-[11px] text-slate-100">
                  {entry.sql}
                </pre>
              )}
            </details>
            {entry.error && (
              <p
                data-testid="revision-error"
                className="ml-2 mt-0.5 whitespace-pre-wrap rounded bg-red-50 p-1 text-xs text-red-800"
              >
                {entry.error}
              </p>
            )}
          </li>
        ))}
      </ol>
      {head && (
        <div className="mt-2">
          {losses ? (
            <div className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-950">
              <p className="font-semibold">Rolling back {head.name} loses data:</p>
              <ul className="ml-4 list-disc">
                {losses.map((loss) => (
                  <li key={loss}>{loss}</li>
                ))}
              </ul>
              <button
                type="button"
                disabled={busy}
                onClick={() => void rollback(true)}
                className="mt-2 rounded bg-amber-600 px-3 py-1 text-white disabled:opacity-50"
              >
                Roll back anyway
              </button>
            </div>
          ) : (
            <button
              type="button"
              disabled={busy || !head.reversible}
              title={
                head.reversible ? `Undo ${head.name} in the database and the schema file` : "This revision has no down migration"
              }
              onClick={() => void rollback(false)}
              className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50"
            >
              {busy ? "Rolling back…" : "Roll back last revision"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
