/** The two languages the product speaks. Office locales map onto them with languageFromLocale. */
export type Language = "en" | "zh";

/** "zh-CN", "zh-Hans", "zh" -> zh; everything else -> en. Traditional Chinese locales get zh too. */
export function languageFromLocale(locale: string | null | undefined): Language {
  return typeof locale === "string" && /^zh\b/i.test(locale.trim()) ? "zh" : "en";
}
