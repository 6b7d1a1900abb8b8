"use client";

import { useState } from "react";
import type { SampleProgress, SampleResult } from "@/lib/data/sample";

type Message = { tone: "error" | "info"; text: string } | null;

/** Generate sample data: N rows per table from a seed, with progress as the server reports it. */
export function SampleDataForm(props: { onGenerated(): void }) {
  const [rows, setRows] = useState("100");
  const [seed, setSeed] = useState("1");
  const [progress, setProgress] = useState<SampleProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const generate = async () => {
    setRunning(true);
    setMessage(null);
    setProgress(null);
    try {
      const response = await fetch("/api/sample", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ rows: Number(rows), seed: Number(seed) }),
      });
      if (!response.body) throw new Error("The server sent no answer.");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as { progress?: SampleProgress; result?: SampleResult; error?: string };
          if (event.progress) setProgress(event.progress);
          if (event.error) setMessage({ tone: "error", text: event.error });
          if (event.result) {
            const short = event.result.tables.filter((t) => t.short);
            setMessage({
              tone: "info",
              text:
                `Generated ${event.result.rows.toLocaleString("en-US")} rows in ${event.result.tables.length} tables ` +
                `(${(event.result.ms / 1000).toFixed(1)} s).` +
                (short.length ? ` ${short.map((t) => `${t.table}: ${t.short}`).join(" ")}` : ""),
            });
            props.onGenerated();
          }
        }
      }
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  return (
    <form
      aria-label="Generate sample data"
      onSubmit={(event) => {
        event.preventDefault();
        if (!running) void generate();
      }}
      className="border-b border-slate-200 px-3 py-2 text-xs"
    >
      <p className="mb-1 font-semibold text-slate-700">Sample data</p>
      <label className="flex items-center justify-between gap-1">
        Rows per table
        <input
          type="number"
          min={1}
          max={1_000_000}
          value={rows}
          onChange={(e) => setRows(e.target.value)}
          className="w-20 rounded border border-slate-300 px-1"
        />
      </label>
      <label className="mt-1 flex items-center justify-between gap-1">
        Seed
        <input
          type="number"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          className="w-20 rounded border border-slate-300 px-1"
        />
      </label>
      <button
        type="submit"
        disabled={running}
        title="Rows for every table of the schema: parents first, foreign keys pointing at real rows, unique values unique; the same seed gives the same rows"
        className="mt-1.5 w-full rounded border border-slate-300 px-2 py-0.5 font-medium hover:bg-slate-50 disabled:opacity-50"
      >
        {running ? "Generating…" : "Generate"}
      </button>
      {running && progress && (
        <div
          role="progressbar"
          aria-label="Sample data progress"
          aria-valuenow={progress.done}
          aria-valuemax={progress.total}
          className="mt-1.5"
        >
          <div className="h-1.5 rounded bg-slate-200">
            <div
              className="h-1.5 rounded bg-sky-500"
              style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }}
            />
          </div>
          <p className="mt-0.5 truncate text-slate-500">
            {progress.table}: {progress.done.toLocaleString("en-US")} / {progress.total.toLocaleString("en-US")}
          </p>
        </div>
      )}
      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`mt-1.5 rounded border p-1 ${message.tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800"}`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
