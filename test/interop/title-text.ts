/**
 * What a sheet's title row shows as of a date, written out here independently of its formula
 * (core/template/page-setup.ts), so that a test holds the two equal.
 */
import { serialToIso } from "../../src/core/dates";
import type { Language } from "../../src/core/language";
import type { SheetSpec } from "../../src/core/template/structure";

export function expectedTitle(sheet: SheetSpec, language: Language, asOf: number): string {
  const [year, month, day] = serialToIso(asOf).split("-");
  const name = sheet.name[language];
  return language === "zh"
    ? `${name}（截至${year}年${Number(month)}月${Number(day)}日）`
    : `${name} — as of ${year}-${month}-${day}`;
}
