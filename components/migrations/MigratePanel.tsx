"use client";

import { SidePanel } from "../SidePanel";
import { useEffect, useState } from "react";
import {
  applyRevisionAction,
  driftAction,
  previewRevisionAction,
  reconcileDriftAction,
  resetDatabaseAction,
} from "@/app/actions";
import type { Drift } from "@/lib/migrate/drift";
import { describeLoss } from "@/lib/migrate/data-loss";
import type { RevisionPlan } from "@/lib/migrate/revision";
import { HistoryList } from "./HistoryList";

/** What the rehearsal on a copy of the database found: nothing lost, losses to accept, or a failure. */
function RehearsalReport(props: { plan: RevisionPlan; accepted: boolean; onAccept(accepted: boolean): void }) {
  const { rehearsal } = props.plan;
  if (!rehearsal.ok) {
    return (
      <section role="alert" data-testid="rehearsal" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
        <p className="font-semibold">
          {rehearsal.unexplained?.length
            ? "On a copy of the database this revision rewrites values it does not explain; Apply is blocked and the real database is not touched."
            : "This revision fails on a copy of the database; the real one is not touched."}
        </p>
        <p className="mt-1 whitespace-pre-wrap">{rehearsal.error}</p>
        {rehearsal.statement && (
          <pre className="mt-1 overflow-auto rounded bg-white p-1 font-mono text-xs">{rehearsal.statement}</pre>
        )}
        {rehearsal.duplicates?.length ? (
          <p className="mt-1">Duplicated values: {rehearsal.duplicates.map((d) => `${d.values} (${d.count}×)`).join("; ")}.</p>
        ) : null}
        <p className="mt-1 text-xs">
          {rehearsal.unexplained?.length
            ? "Read the SQL of the pending revisions (and the names in the schema): a revision may drop, rename or retype what the schema says, never rewrite rows."
            : "Fix the schema: give a new required column a default (or make it optional), remove the duplicates first, or keep the old type."}
        </p>
      </section>
    );
  }
  if (!rehearsal.losses.length) {
    return (
      <p data-testid="rehearsal" className="rounded border border-emerald-200 bg-emerald-50 p-2 text-xs text-emerald-900">
        Rehearsed on a copy of the database: no data is lost.
      </p>
    );
  }
  return (
    <section data-testid="rehearsal" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-950">
      <p className="font-semibold">Applying this revision loses data (rehearsed on a copy of the database):</p>
      <ul className="ml-4 list-disc">
        {rehearsal.losses.map((loss) => (
          <li key={`${loss.kind}:${loss.table}:${loss.column ?? ""}`}>{describeLoss(loss)}</li>
        ))}
      </ul>
      <label className="mt-2 flex items-center gap-2 font-medium">
        <input type="checkbox" checked={props.accepted} onChange={(e) => props.onAccept(e.target.checked)} />
        Apply anyway and lose the data above
      </label>
    </section>
  );
}

/** Revisions the database refused: recorded as failed; the next Apply replaces them. */
function FailedRevisions(props: { plan: RevisionPlan }) {
  const { failed, supersedes } = props.plan;
  const others = supersedes.filter((name) => !failed.some((f) => f.name === name));
  return (
    <section role="alert" aria-label="Failed revision" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
      {failed.map((f) => (
        <div key={f.name} className="mb-1">
          <p className="font-semibold">
            <span className="font-mono">{f.name}</span> failed on the database, which is unchanged:
          </p>
          <pre className="mt-1 whitespace-pre-wrap font-mono text-xs">{f.error}</pre>
        </div>
      ))}
      <p className="text-xs">
        Fix the schema (or the database) and apply again: the failed revision is marked rolled back (as{" "}
        <code>prisma migrate resolve --rolled-back</code> does) and moved to prisma/rolled-back/
        {others.length ? `, with ${others.join(", ")}, which was planned on top of it,` : ""} and a fresh revision replaces it.
      </p>
    </section>
  );
}

/**
 * `alembic revision --autogenerate` and `alembic upgrade head` in one panel: the pending
 * revision's summary and SQL, a name, and Apply.
 */
export function MigratePanel(props: { onClose(): void; onApplied(message: string): void }) {
  const [plan, setPlan] = useState<RevisionPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [drift, setDrift] = useState<Drift | null>(null);

  const load = async () => {
    setError(null);
    void driftAction().then((result) => setDrift(result.ok && result.drift.drifted ? result.drift : null));
    const result = await previewRevisionAction();
    setAccepted(false);
    if (result.ok) setPlan(result.plan);
    else setError(result.error);
  };
  useEffect(() => {
    void load();
  }, []);

  const apply = async () => {
    if (!plan || busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await applyRevisionAction({
        name,
        expectedSql: plan.hasChanges ? plan.sql : undefined,
        acceptDataLoss: accepted,
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const outcome = result.result;
      if (
        outcome.status === "changed-since-preview" ||
        outcome.status === "needs-data-loss-consent" ||
        outcome.status === "rehearsal-failed"
      ) {
        setPlan(outcome.plan);
        setAccepted(false);
        setNotice(
          outcome.status === "changed-since-preview"
            ? "The schema changed since this preview. Review the new revision and apply again."
            : outcome.status === "rehearsal-failed"
              ? "Nothing was applied: the revision fails on a copy of the database."
              : "Nothing was applied: confirm the data loss first.",
        );
        return;
      }
      if (outcome.status === "failed") {
        // Recorded as failed; the plan and the history now show it.
        setHistoryVersion((v) => v + 1);
        await load();
        setError(
          `${outcome.revision} failed on the database and is recorded as failed; the database is unchanged.\n${outcome.error}`,
        );
        return;
      }
      const applied = outcome.applied.length ? `Applied ${outcome.applied.join(", ")}.` : "";
      const resolved = outcome.rolledBack.length ? `Marked ${outcome.rolledBack.join(", ")} rolled back.` : "";
      const message =
        outcome.status === "applied"
          ? `${resolved} ${applied} The database is up to date.`
          : `The database is up to date. ${resolved} ${applied}`;
      props.onApplied(message.replace(/\s+/g, " ").trim());
      setName("");
      setHistoryVersion((v) => v + 1);
      await load();
      setNotice(message.replace(/\s+/g, " ").trim());
    } finally {
      setBusy(false);
    }
  };

  const pending = plan && (plan.hasChanges || plan.unapplied.length > 0 || plan.failed.length > 0);
  const blocked = plan ? !plan.rehearsal.ok || (plan.rehearsal.losses.length > 0 && !accepted) : true;
  return (
    <SidePanel label="Migrate" title="Next revision" width="w-[32rem] max-w-[50vw]" onClose={props.onClose}>
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-4 text-sm">
        {error && (
          <p role="alert" className="whitespace-pre-wrap rounded border border-red-200 bg-red-50 p-2 text-red-800">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="rounded border border-sky-200 bg-sky-50 p-2 text-sky-900">
            {notice}
          </p>
        )}
        {drift && (
          <section role="alert" aria-label="Drift" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-950">
            <p className="font-semibold">The database was changed outside the migrations:</p>
            <pre className="mt-1 whitespace-pre-wrap font-mono text-xs">{drift.summary}</pre>
            <p className="mt-2 text-xs">
              Keep these changes: a revision with their SQL is written and marked applied. Nothing runs on the database and no row
              is lost; the next revision then proposes what the schema asks. Or start over: the database is deleted and every
              revision applied to a new one.
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <button
                type="button"
                disabled={busy}
                className="rounded border border-amber-400 bg-white px-2 py-0.5 hover:bg-amber-100 disabled:opacity-50"
                onClick={async () => {
                  setBusy(true);
                  setError(null);
                  try {
                    const result = await reconcileDriftAction({});
                    if (!result.ok) return setError(result.error);
                    props.onApplied(
                      `Recorded the database's changes as ${result.result.revision}, marked applied (nothing ran on the database).`,
                    );
                    setHistoryVersion((v) => v + 1);
                    await load();
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                Record the database&apos;s changes as a revision
              </button>
              <button
                type="button"
                disabled={busy}
                className="rounded border border-amber-400 px-2 py-0.5 hover:bg-amber-100 disabled:opacity-50"
                onClick={async () => {
                  if (!window.confirm("Delete the development database and apply every revision to a new, empty one?")) return;
                  const result = await resetDatabaseAction();
                  if (!result.ok) return setError(result.error);
                  props.onApplied(`The database was recreated from the migrations (${result.applied.length} revisions).`);
                  setHistoryVersion((v) => v + 1);
                  await load();
                }}
              >
                Reset the development database
              </button>
            </div>
          </section>
        )}
        {!plan && !error && <p className="text-slate-500">Asking Prisma&apos;s schema engine for the next revision…</p>}
        {plan && plan.failed.length > 0 && <FailedRevisions plan={plan} />}
        {plan && !plan.hasChanges && (
          <p data-testid="up-to-date" className="rounded border border-emerald-200 bg-emerald-50 p-2 text-emerald-900">
            {plan.unapplied.length
              ? `The schema matches the migrations, but the database has not applied ${plan.unapplied.join(", ")} yet.`
              : plan.failed.length
                ? "The schema matches the applied migrations: apply to mark the failed revision rolled back."
                : "The database is up to date: the schema matches the applied migrations."}
          </p>
        )}
        {plan?.hasChanges && (
          <>
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Summary</h3>
              <pre data-testid="revision-summary" className="whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">
                {plan.summary}
              </pre>
            </section>
            <section className="min-h-0">
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">SQL (migration.sql)</h3>
              <pre
                data-testid="revision-sql"
                className="max-h-96 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100"
              >
                {plan.sql}
              </pre>
            </section>
          </>
        )}
        {pending && <RehearsalReport plan={plan} accepted={accepted} onAccept={setAccepted} />}
        {pending && (
          <form
            className="flex items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void apply();
            }}
          >
            <label className="flex flex-1 flex-col gap-1">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Revision name</span>
              <input
                value={name}
                onChange={(event) => setName(event.target.value)}
                placeholder="e.g. add posts"
                required={plan.hasChanges}
                className="rounded border border-slate-300 px-2 py-1"
              />
            </label>
            <button
              type="submit"
              disabled={busy || blocked}
              title={blocked ? "See the rehearsal above" : undefined}
              className="rounded bg-sky-600 px-4 py-1.5 font-medium text-white hover:bg-sky-700 disabled:opacity-50"
            >
              {busy ? "Applying…" : "Apply"}
            </button>
          </form>
        )}
        <HistoryList
          version={historyVersion}
          onRolledBack={(message) => {
            // The schema file went back too: reload the page to show it.
            sessionStorage.setItem("schemaflow:notice", message);
            window.location.reload();
          }}
        />
      </div>
    </SidePanel>
  );
}
