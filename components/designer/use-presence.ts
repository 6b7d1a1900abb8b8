"use client";

import { useEffect, useRef, useState } from "react";
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
 * and this tab's own selection, told to the others shortly after it changes.
 */
export function usePresence(stream: { events: EventSource; clientId: string } | null, selection: string[]): Presence[] {
  const [others, setOthers] = useState<Presence[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!stream) return;
    const onPresence = (event: Event) => {
      const everyone = JSON.parse((event as MessageEvent).data) as Presence[];
      setOthers(everyone.filter((p) => p.by !== stream.clientId));
    };
    stream.events.addEventListener("presence", onPresence);
    return () => stream.events.removeEventListener("presence", onPresence);
  }, [stream]);
  const key = selection.join("\n");
  useEffect(() => {
    if (!stream) return;
    clearTimeout(timer.current);
    // After the stream's hello, so that the server knows this tab; again on every change.
    timer.current = setTimeout(
      () => void presenceAction({ by: stream.clientId, name: ownName(), selection: key ? key.split("\n") : [] }),
      250,
    );
    return () => clearTimeout(timer.current);
  }, [stream, key]);
  return others;
}
