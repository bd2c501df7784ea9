/** How the pane colours each status (Fluent's badge and progress-bar colours): colour reinforces the status; its text, and its mark where there is room, always says it. */
import type { StatusId } from "../core/progress";

export const BADGE_COLOUR: Readonly<
  Record<StatusId, "success" | "warning" | "danger" | "informative" | "subtle">
> = {
  ACHIEVED: "success",
  MET_LATE: "warning",
  ON_TRACK: "success",
  AT_RISK: "warning",
  BEHIND: "danger",
  MISSED: "danger",
  NOT_STARTED: "subtle",
};

export const BAR_COLOUR: Readonly<Record<StatusId, "success" | "warning" | "error" | "brand">> = {
  ACHIEVED: "success",
  MET_LATE: "warning",
  ON_TRACK: "brand",
  AT_RISK: "brand",
  BEHIND: "error",
  MISSED: "error",
  NOT_STARTED: "brand",
};
