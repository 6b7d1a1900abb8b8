"use client";

import { createContext, useContext } from "react";
import type { Area } from "@/lib/layout/board";

/** What an area on the canvas can do to itself (the designer's board edits, undoable). A stable object. */
export interface AreaActions {
  update(id: string, change: Partial<Pick<Area, "name" | "color" | "collapsed" | "display">>): void;
  hide(id: string): void;
  ungroup(id: string): void;
}

export const AreaActionsContext = createContext<AreaActions | null>(null);

export function useAreaActions(): AreaActions {
  const actions = useContext(AreaActionsContext);
  if (!actions) throw new Error("useAreaActions outside AreaActionsContext");
  return actions;
}
