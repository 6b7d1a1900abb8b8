import { modelMembers, type Enum, type IgnoredModel, type Model } from "../schema/graph";

/** How big a node is drawn: the canvas, the layout and the fit all size nodes here. */
export const MODEL_WIDTH = 288;
export const ENUM_WIDTH = 224;

/** A node's size before the browser has measured it: header, one row per field, the add button. */
export function nodeSize(node: Model | IgnoredModel | Enum | undefined): { width: number; height: number } {
  if (node && "text" in node) return { width: MODEL_WIDTH, height: 38 + 28 * node.fields.length }; // @@ignore: no add button
  if (node && "fields" in node) return { width: MODEL_WIDTH, height: 38 + 28 * modelMembers(node).length + 26 };
  return { width: ENUM_WIDTH, height: 38 + 26 * (node?.values.length ?? 0) + 26 };
}
