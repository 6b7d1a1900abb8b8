"use client";

import { Panel, useStore, useStoreApi, type Node, type ReactFlowState } from "@xyflow/react";
import { XYMinimap, type XYMinimapInstance } from "@xyflow/system";
import { memo, useEffect, useMemo, useRef } from "react";
import type { Rect } from "@/lib/layout/areas";
import { viewOfTransform } from "@/lib/layout/window";
import { MINIMAP_SIZE } from "@/lib/layout/zoom";
import { rectOf } from "./areas-to-flow";

const { width: WIDTH, height: HEIGHT } = MINIMAP_SIZE;
const OFFSET_SCALE = 5;

const selector = (s: ReactFlowState) => ({
  transform: s.transform,
  width: s.width,
  height: s.height,
  panZoom: s.panZoom,
  translateExtent: s.translateExtent,
});
type Selected = ReturnType<typeof selector>;
const same = (a: Selected, b: Selected) => (Object.keys(a) as (keyof Selected)[]).every((key) => a[key] === b[key]);

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * The minimap of the whole diagram. React Flow's own MiniMap draws the nodes React Flow
 * holds, which is only a window around the view (lib/layout/window); this one draws every
 * node shown, with React Flow's look and its own pan and zoom by dragging and scrolling. The
 * nodes are one path per color: a path of 5,044 rectangles costs a millisecond to draw, 5,044
 * SVG elements about a hundred whenever the nodes change.
 */
export const Overview = memo(function Overview(props: { nodes: Node[]; color(node: Node): string; ariaLabel: string }) {
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  const { transform, width: flowWidth, height: flowHeight, panZoom, translateExtent } = useStore(selector, same);
  const shown = useMemo(() => props.nodes.filter((n) => !n.hidden), [props.nodes]);
  const bounds = useMemo(() => (shown.length ? shown.map(rectOf).reduce(union) : null), [shown]);
  const shapes = useMemo(() => shapesOf(shown, props.color), [shown, props.color]);

  const view = viewOfTransform(transform, flowWidth, flowHeight);
  const box = bounds ? union(bounds, view) : view;
  const viewScale = Math.max(box.width / WIDTH, box.height / HEIGHT);
  const offset = OFFSET_SCALE * viewScale;
  const x = box.x - (viewScale * WIDTH - box.width) / 2 - offset;
  const y = box.y - (viewScale * HEIGHT - box.height) / 2 - offset;
  const width = viewScale * WIDTH + offset * 2;
  const height = viewScale * HEIGHT + offset * 2;

  const viewScaleRef = useRef(viewScale);
  const minimap = useRef<XYMinimapInstance | null>(null);
  useEffect(() => {
    viewScaleRef.current = viewScale;
  });
  useEffect(() => {
    if (!svg.current || !panZoom) return;
    minimap.current = XYMinimap({
      domNode: svg.current,
      panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => viewScaleRef.current,
    });
    return () => minimap.current?.destroy();
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({
      translateExtent,
      width: flowWidth,
      height: flowHeight,
      pannable: true,
      zoomable: true,
      zoomStep: 1,
      inversePan: false,
    });
  }, [panZoom, translateExtent, flowWidth, flowHeight]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" data-testid="rf__minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={props.ariaLabel}
        // What it shows, for tests and the bench: how many nodes, and the rectangle around them.
        data-nodes={shown.length}
        data-bounds={bounds ? [bounds.x, bounds.y, bounds.width, bounds.height].join(" ") : undefined}
      >
        {shapes.map(([fill, d]) => (
          <path key={fill} className="react-flow__minimap-node" d={d} style={{ fill }} shapeRendering="crispEdges" />
        ))}
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${width + offset * 2}v${height + offset * 2}h${-width - offset * 2}z
        M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
});

/** Every node as a rectangle of one path per color: one SVG element for 5,044 tables, not 5,044. */
function shapesOf(nodes: Node[], color: (node: Node) => string): [string, string][] {
  const paths = new Map<string, string[]>();
  for (const node of nodes) {
    const { x, y, width, height } = rectOf(node);
    const fill = color(node);
    if (!paths.has(fill)) paths.set(fill, []);
    paths.get(fill)!.push(`M${x},${y}h${width}v${height}h${-width}z`);
  }
  return [...paths].map(([fill, parts]) => [fill, parts.join("")]);
}
