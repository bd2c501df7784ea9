/** The language custom functions answer in: Office's user interface language. */
import { type Language, languageFromLocale } from "../core/language";

/** The language of Office's user interface, or English where Office is not present. */
export function displayLanguage(): Language {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return languageFromLocale(office?.context?.displayLanguage);
}
