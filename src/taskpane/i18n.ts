/**
 * Every string the task pane shows, in English and Chinese. The Chinese dictionary is typed
 * against the English one, so a key missing from either fails the type check (and a test).
 */
import type { Language } from "../core/language";

const en = {
  appTitle: "Shanghai Online Economy Tracker",
  languageName: "English",
  outsideTitle: "Open this in Excel",
  outsideBody:
    "This page is the task pane of an Excel add-in. It works inside Excel (on Windows, on a Mac or on the web), where it builds the tracking workbook and shows progress against every goal of the plan.",
  outsideSteps:
    "In Excel: Home > Add-ins > upload or choose Shanghai Online Economy Tracker, then choose its button on the Home tab.",
  planName: "Action Plan for Promoting New Online Economic Development (2020-2022)",
  targetsHeading: "The plan's targets",
  deadlineLabel: "Deadline",
  loading: "Loading…",
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  appTitle: "上海在线新经济目标跟踪",
  languageName: "中文",
  outsideTitle: "请在 Excel 中打开",
  outsideBody:
    "此页面是 Excel 加载项的任务窗格，需在 Excel（Windows、Mac 或网页版）中使用：它会创建跟踪工作簿，并显示方案各项目标的进展。",
  outsideSteps:
    "在 Excel 中：开始 > 加载项 > 上传或选择“上海在线新经济目标跟踪”，然后点击“开始”选项卡上的按钮。",
  planName: "促进在线新经济发展行动方案（2020-2022年）",
  targetsHeading: "方案目标",
  deadlineLabel: "截止日期",
  loading: "正在加载…",
};

export const DICTIONARIES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, zh };

export type Translate = (key: MessageKey) => string;

export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key) => dictionary[key];
}
