/**
 * Undo and redo over immutable states. Every edit records the state it made with a label
 * named after the operation ("Rename field"), so the menu can say what an undo undoes.
 * States share structure, so a deep history costs little memory.
 */
export interface History<T> {
  past: { state: T; label: string }[];
  present: T;
  /** The label of the edit that made `present`. */
  presentLabel: string;
  future: { state: T; label: string }[];
}

export const HISTORY_LIMIT = 200;

export function startHistory<T>(state: T): History<T> {
  return { past: [], present: state, presentLabel: "", future: [] };
}

export function record<T>(history: History<T>, state: T, label: string): History<T> {
  if (state === history.present) return history;
  const past = [...history.past, { state: history.present, label: history.presentLabel }].slice(-HISTORY_LIMIT);
  return { past, present: state, presentLabel: label, future: [] };
}

/** Replaces the present without an undo step (e.g. the server's view of a state it saved). */
export function replacePresent<T>(history: History<T>, state: T): History<T> {
  return { ...history, present: state };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous.state,
    presentLabel: previous.label,
    future: [{ state: history.present, label: history.presentLabel }, ...history.future],
  };
}

export function redo<T>(history: History<T>): History<T> {
  const next = history.future[0];
  if (!next) return history;
  return {
    past: [...history.past, { state: history.present, label: history.presentLabel }],
    present: next.state,
    presentLabel: next.label,
    future: history.future.slice(1),
  };
}
