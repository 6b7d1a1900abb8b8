/**
 * Who has the project open, and what each has selected: one entry per tab, kept while its
 * event stream is open. Shared on globalThis (Next bundles actions and routes apart).
 */
export interface Presence {
  /** The tab's id (as its edits are signed). */
  by: string;
  /** What the tab calls its user ("Guest 17", or a name they chose). */
  name: string;
  /** Element ids the tab has selected (models, enums, fields). */
  selection: string[];
}

type Listener = (everyone: Presence[]) => void;
const shared = ((globalThis as Record<symbol, unknown>)[Symbol.for("schemaflow.sync.presence")] ??= {
  tabs: new Map<string, Map<string, Presence>>(),
  listeners: new Map<string, Set<Listener>>(),
}) as { tabs: Map<string, Map<string, Presence>>; listeners: Map<string, Set<Listener>> };

function tell(project: string) {
  const everyone = [...(shared.tabs.get(project)?.values() ?? [])];
  for (const listener of shared.listeners.get(project) ?? []) listener(everyone);
}

/** A tab says who it is and what it has selected (only a tab whose stream is open counts). */
export function updatePresence(project: string, presence: Presence): void {
  const tabs = shared.tabs.get(project);
  if (!tabs?.has(presence.by)) return;
  tabs.set(presence.by, presence);
  tell(project);
}

/** A tab's stream opened: it is here (until `leave`), and hears everyone's presence. */
export function joinPresence(project: string, by: string, listener: Listener): () => void {
  const tabs = shared.tabs.get(project) ?? shared.tabs.set(project, new Map()).get(project)!;
  tabs.set(by, tabs.get(by) ?? { by, name: "", selection: [] });
  const listeners = shared.listeners.get(project) ?? shared.listeners.set(project, new Set()).get(project)!;
  listeners.add(listener);
  tell(project);
  return () => {
    listeners.delete(listener);
    tabs.delete(by);
    tell(project);
  };
}
