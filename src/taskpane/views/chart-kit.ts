/** What the pane's two hand-drawn SVG charts (burn-up, history) share: their common strokes and placement. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useChartStyles = makeStyles({
  svg: { display: "block", width: "100%", height: "auto", overflow: "visible" },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  grid: { stroke: tokens.colorNeutralStroke3, strokeWidth: 1 },
  expected: {
    stroke: tokens.colorNeutralForeground3,
    fill: "none",
    strokeWidth: 1.5,
    strokeDasharray: "5 3",
  },
  required: { stroke: tokens.colorPaletteDarkOrangeBorder2, strokeWidth: 1, strokeDasharray: "2 2" },
  label: { fill: tokens.colorNeutralForeground2, fontSize: "9px" },
});

/** Two decimals are finer than a pixel at any pane width, and keep the markup short. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Labels near an end of the axis are anchored to it, so they stay inside the chart. */
export function anchorAt(
  x: number,
  plot: { readonly left: number; readonly right: number },
): "start" | "middle" | "end" {
  const share = (x - plot.left) / (plot.right - plot.left);
  return share < 0.2 ? "start" : share > 0.8 ? "end" : "middle";
}
