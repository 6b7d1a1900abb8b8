"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { presenceAction } from "@/app/actions";
import type { Presence } from "@/lib/sync/presence";

const NAME_KEY = "schemaflow:name";

/** A name for this browser, kept: "Guest 17" until the user says otherwise. */
function ownName(): string {
  const kept = localStorage.getItem(NAME_KEY);
  if (kept) return kept;
  const name = `Guest ${Math.floor(10 + Math.random() * 90)}`;
  localStorage.setItem(NAME_KEY, name);
  return name;
}

/**
 * Who else has the project open and what they have selected (from the tab's event stream),
 * and `select`, which tells the others this tab's selection shortly after it changes. The
 * tab's own selection is no React state: selecting never redraws the designer, and only a
 * change in what the others do does.
 */
export function usePresence(stream: { events: EventSource; clientId: string } | null) {
  const [others, setOthers] = useState<Presence[]>([]);
  const selection = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const streamRef = useRef(stream);
  streamRef.current = stream;

  const tell = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const current = streamRef.current;
      if (current) void presenceAction({ by: current.clientId, name: ownName(), selection: selection.current });
    }, 250);
  }, []);

  useEffect(() => {
    if (!stream) return;
    const onPresence = (event: Event) => {
      const everyone = (JSON.parse((event as MessageEvent).data) as Presence[]).filter((p) => p.by !== stream.clientId);
      setOthers((current) => (JSON.stringify(current) === JSON.stringify(everyone) ? current : everyone));
    };
    stream.events.addEventListener("presence", onPresence);
    tell(); // after the stream's hello, so that the server knows this tab
    return () => stream.events.removeEventListener("presence", onPresence);
  }, [stream, tell]);

  const select = useCallback(
    (ids: string[]) => {
      if (ids.join("\n") === selection.current.join("\n")) return;
      selection.current = ids;
      tell();
    },
    [tell],
  );
  return { others, select };
}
