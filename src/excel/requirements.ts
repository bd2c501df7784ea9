/**
 * What the add-in needs of Excel, checked with Office's requirement sets before it is used, so an
 * older Excel gets a plain sentence instead of a failure half-way through writing a workbook.
 */
import type { Bilingual } from "../core/plan";

export interface Requirement {
  readonly set: string;
  readonly version: string;
  readonly purpose: Bilingual;
}

export const REQUIREMENTS: readonly Requirement[] = [
  {
    set: "ExcelApi",
    version: "1.8",
    purpose: {
      en: "tables with drop-down lists and date checks, change events and named cells",
      zh: "带下拉列表和日期检查的表格、更改事件和命名单元格",
    },
  },
];

/**
 * Requirement sets a check of this Excel reports as information: the add-in needs none of them
 * beyond what ExcelApi 1.8 already includes, and works without the later ones.
 */
export const INFORMATION_REQUIREMENTS: readonly Requirement[] = [
  {
    set: "ExcelApi",
    version: "1.6",
    purpose: { en: "calculation paused while rows are added", zh: "添加行时暂停计算" },
  },
  { set: "ExcelApi", version: "1.7", purpose: { en: "workbook protection", zh: "工作簿保护" } },
  { set: "ExcelApi", version: "1.9", purpose: { en: "page layout", zh: "页面布局" } },
  {
    set: "ExcelApi",
    version: "1.13",
    purpose: {
      en: "inserting worksheets from a file (insertWorksheetsFromBase64)",
      zh: "从文件插入工作表（insertWorksheetsFromBase64）",
    },
  },
];

export type SetSupported = (set: string, version: string) => boolean;

/** The requirements this Excel lacks (empty when all are there). */
export function missingRequirements(isSetSupported: SetSupported): Requirement[] {
  return REQUIREMENTS.filter((r) => !isSetSupported(r.set, r.version));
}

/** Office's own check, where Office is present. */
export function officeSetSupported(set: string, version: string): boolean {
  return Office.context.requirements.isSetSupported(set, version);
}
