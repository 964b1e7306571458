// Server-side downsampling for charts: a browser drawing thousands of points in an SVG is slow and
// unreadable, so series longer than a chart's budget are thinned before they leave the server.
//
// Largest-Triangle-Three-Buckets (Steinarsson, "Downsampling Time Series for Visual
// Representation", 2013, https://skemman.is/handle/1946/15343): keeps the first and the last point
// and, per bucket, the point forming the largest triangle with the previously kept point and the
// next bucket's average. Peaks and dips survive, which matters for regressions.

export type XY = { x: number; y: number };

/** Downsample to at most `threshold` points (threshold < 3 or a short series: returned as is). */
export function lttb<T extends XY>(points: readonly T[], threshold: number): T[] {
  const n = points.length;
  if (threshold >= n || threshold < 3) return points.slice();
  const out: T[] = [points[0]];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket (the third corner of the triangle).
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j].x;
      avgY += points[j].y;
    }
    const len = Math.max(nextEnd - nextStart, 1);
    avgX /= len;
    avgY /= len;

    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = points[a].x;
    const ay = points[a].y;
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (points[j].y - ay) - (ax - points[j].x) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out.push(points[chosen]);
    a = chosen;
  }
  out.push(points[n - 1]);
  return out;
}
