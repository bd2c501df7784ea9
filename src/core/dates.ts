/**
 * Dates as Excel serial day numbers (1900 date system): the unit every engine computation uses,
 * so cells, the task pane and the CLI agree to the day.
 */

/** Serial number of 1970-01-01 in the 1900 system (Excel's 1900-02-29 bug lies before it). */
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;
/** 1900-03-01: below this, Excel serials are off by one from the real calendar (its leap-day bug). */
const FIRST_RELIABLE_SERIAL = 61;
/** 9999-12-31, Excel's last date. */
const LAST_SERIAL = 2958465;

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Excel's dates in the 1900 system: serial 1 is 1900-01-01, 2958465 is 9999-12-31. */
export const EXCEL_FIRST_SERIAL = 1;
export const EXCEL_LAST_SERIAL = LAST_SERIAL;

/** Whether a serial is one of Excel's dates (times of day included). */
export function inExcelRange(serial: number): boolean {
  return Number.isFinite(serial) && serial >= EXCEL_FIRST_SERIAL && serial < EXCEL_LAST_SERIAL + 1;
}

/**
 * The serial of a calendar date, or undefined when the date does not exist (2021-02-29) or lies
 * outside Excel's (before 1900 or after 9999). From 1900-03-01 on the serials are Excel's; before
 * it Excel counts a 1900-02-29 that never was, so dates before then are one less than Excel's.
 */
export function serialFromParts(year: number, month: number, day: number): number | undefined {
  if (year < 1900 || year > 9999) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  const serial = Math.round(ms / MS_PER_DAY) + UNIX_EPOCH_SERIAL;
  return serial < FIRST_RELIABLE_SERIAL ? serial - 1 : serial;
}

/** Parses "YYYY-MM-DD" (also "YYYY/MM/DD"); undefined when it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim().replace(/\//g, "-"));
  if (!match) return undefined;
  return serialFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** 2021-06-30, 2021/6/30, 2021.06.30 and 2021年6月30日(号): the ways people write a date by hand. */
const WRITTEN_DATE =
  /^(\d{4})\s*(?:([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)$/u;

/**
 * A date as a person types it in a form or a CSV file (see WRITTEN_DATE; full-width digits too);
 * undefined when it is none of those forms or not a real date.
 */
export function parseWrittenDate(text: string): number | undefined {
  const match = WRITTEN_DATE.exec(text.normalize("NFKC").trim());
  if (!match) return undefined;
  const month = match[3] ?? match[5];
  const day = match[4] ?? match[6];
  return serialFromParts(Number(match[1]), Number(month), Number(day));
}

/** The serial of an ISO date known to be valid (catalogue data); throws on a bad constant. */
export function isoToSerial(iso: string): number {
  const serial = parseIsoDate(iso);
  if (serial === undefined) throw new Error(`Not an ISO date: ${iso}`);
  return serial;
}

/** The date-time serial of a moment taken as UTC, as .xlsx readers (exceljs) hand out cell dates. */
export function serialFromUtc(moment: Date): number {
  return moment.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** The ISO date of a serial, as Excel shows it (serial 60 is its 1900-02-29, a day that never was). */
export function serialToIso(serial: number): string {
  const day = Math.floor(serial);
  if (day === FIRST_RELIABLE_SERIAL - 1) return "1900-02-29";
  const date = new Date((day + (day < FIRST_RELIABLE_SERIAL ? 1 : 0) - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
  return date.toISOString().slice(0, 10);
}

/** A date-time serial as "YYYY-MM-DD hh:mm", rounded to the minute with the carry (23:59:45 is the next 00:00). */
export function serialToIsoMinute(serial: number): string {
  const minutes = Math.round(serial * 24 * 60);
  const day = Math.floor(minutes / (24 * 60));
  const inDay = minutes - day * 24 * 60;
  const hh = String(Math.floor(inDay / 60)).padStart(2, "0");
  const mm = String(inDay % 60).padStart(2, "0");
  return `${serialToIso(day)} ${hh}:${mm}`;
}

/** Whether a number can stand for a date the engine handles (1900-03-01 to 9999-12-31). */
export function isDateSerial(value: number): boolean {
  return Number.isFinite(value) && value >= FIRST_RELIABLE_SERIAL && value <= LAST_SERIAL + 1;
}

/** Today's serial in the local time zone of the machine running Excel. */
export function todaySerial(now: Date = new Date()): number {
  const year = now.getFullYear();
  const month = now.getMonth() + 1;
  const day = now.getDate();
  return serialFromParts(year, month, day) as number;
}

/** A moment as a date-time serial in local time (the "Entered at" stamps): whole days plus the time of day. */
export function nowSerial(now: Date = new Date()): number {
  const seconds = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
  return todaySerial(now) + seconds / 86_400;
}
