import type { Position } from "@/lib/layout/positions";

/** The free spot nearest to `wanted` (on a grid around it) that no node's top-left corner is close to. */
export function freeSpotNear(wanted: Position, taken: Position[]): Position {
  const free = (spot: Position) => !taken.some((p) => Math.abs(p.x - spot.x) < 320 && Math.abs(p.y - spot.y) < 220);
  const candidates: Position[] = [];
  for (let dx = -4; dx <= 4; dx++)
    for (let dy = -4; dy <= 4; dy++) candidates.push({ x: wanted.x + dx * 330, y: wanted.y + dy * 240 });
  candidates.sort((a, b) => Math.hypot(a.x - wanted.x, a.y - wanted.y) - Math.hypot(b.x - wanted.x, b.y - wanted.y));
  return candidates.find(free) ?? wanted;
}
