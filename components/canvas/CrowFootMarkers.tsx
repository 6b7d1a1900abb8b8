/**
 * Crow's-foot ends for relation edges, referenced by id from each edge's markerStart and
 * markerEnd: "one" (two bars), "zero or one" (a circle and a bar), "many" (the foot,
 * its prongs on the table). The end of the path is the right edge of each marker, where
 * the row's handle sits; orient="auto-start-reverse" turns the same drawing for both ends.
 */
export function CrowFootMarkers() {
  const stroke = { stroke: "#475569", strokeWidth: 1.5, fill: "none" };
  const marker = {
    viewBox: "0 0 30 20",
    refX: 30,
    refY: 10,
    markerWidth: 30,
    markerHeight: 20,
    markerUnits: "userSpaceOnUse",
    orient: "auto-start-reverse",
  };
  return (
    <svg aria-hidden style={{ position: "absolute", width: 0, height: 0, overflow: "visible" }}>
      <defs>
        <marker id="crow-one" {...marker}>
          <path d="M 12 3 L 12 17 M 17 3 L 17 17" {...stroke} />
        </marker>
        <marker id="crow-zero-one" {...marker}>
          <circle cx="9" cy="10" r="4" {...stroke} fill="#ffffff" />
          <path d="M 18 3 L 18 17" {...stroke} />
        </marker>
        <marker id="crow-many" {...marker}>
          <path d="M 10 10 L 25 3 M 10 10 L 25 10 M 10 10 L 25 17 M 8 3 L 8 17" {...stroke} />
        </marker>
      </defs>
    </svg>
  );
}
