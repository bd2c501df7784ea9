/** The current moment as an Excel serial (local time), for "Entered at" stamps. */
import { todaySerial } from "../core/dates";

export function nowSerial(now: Date = new Date()): number {
  const seconds = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
  return todaySerial(now) + seconds / 86400;
}
