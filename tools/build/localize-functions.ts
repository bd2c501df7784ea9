/**
 * Builds the zh-CN custom functions metadata from the generated English functions.json: same ids,
 * names, types and options; Chinese descriptions (src/functions/functions.zh-CN.json) and Chinese
 * parameter names (src/functions/parameter-names.ts, which error messages use too).
 *
 * What may be localized follows "Custom functions naming and localization", section "Localize
 * custom functions" (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming): a
 * separate metadata file per language whose function and parameter `name` and `description` are
 * translated, the `id` never. The function NAME is kept as the English one all the same: Chinese
 * Excel keeps its own function names in English (SUM, COUNTIFS) and shows Chinese argument names
 * and help, and a formula the add-in writes through the API names SHONLINE.FORECAST, which shows
 * #NAME? where the display language uses localized names (github.com/OfficeDev/office-js/issues/891).
 * The metadata reference (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json,
 * "parameters") sets no rule for a parameter's characters beyond being a string; the names here
 * keep to what Excel's own argument names use: letters (Chinese included), digits and "_".
 *
 * Any function or parameter without a translation is an error, so a new one cannot ship untranslated.
 */
import { PARAMETER_NAMES } from "../../src/functions/parameter-names";

export interface FunctionParameter {
  name: string;
  description?: string;
  [key: string]: unknown;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: FunctionParameter[];
  [key: string]: unknown;
}

export interface FunctionsJson {
  functions: FunctionMetadata[];
  [key: string]: unknown;
}

/** A function's Chinese help: its description and each parameter's, by the parameter's English name. */
export interface FunctionTranslation {
  description: string;
  parameters: Record<string, string>;
}

export type Translations = Record<string, FunctionTranslation>;

/** The Chinese name of each parameter, by its English name. */
export type ParameterNames = Readonly<Record<string, string>>;

const ZH_PARAMETER_NAMES: ParameterNames = Object.fromEntries(
  Object.entries(PARAMETER_NAMES).map(([english, names]) => [english, names.zh]),
);

/** A parameter name as Excel's argument help shows one: a letter, then letters, digits or "_". */
const VALID_PARAMETER_NAME = /^\p{L}[\p{L}\p{N}_]*$/u;

function localizeParameters(
  fn: FunctionMetadata,
  translation: FunctionTranslation,
  names: ParameterNames,
  errors: string[],
): FunctionParameter[] {
  const parameters = fn.parameters.map((param) => {
    const name = Object.prototype.hasOwnProperty.call(names, param.name) ? names[param.name] : undefined;
    const description = translation.parameters[param.name];
    if (!name) errors.push(`No zh-CN name for parameter ${param.name} of ${fn.id}`);
    else if (!VALID_PARAMETER_NAME.test(name))
      errors.push(`zh-CN name of parameter ${param.name} of ${fn.id} is not a valid parameter name: ${name}`);
    if (!description) errors.push(`No zh-CN description for parameter ${param.name} of ${fn.id}`);
    return { ...param, name: name ?? param.name, description: description ?? param.description };
  });
  for (const name of Object.keys(translation.parameters)) {
    if (!fn.parameters.some((param) => param.name === name))
      errors.push(`zh-CN translation of ${fn.id} names an unknown parameter ${name}`);
  }
  const shown = parameters.map((param) => param.name);
  const twice = shown.find((name, i) => shown.indexOf(name) !== i);
  if (twice) errors.push(`zh-CN parameter name used twice in ${fn.id}: ${twice}`);
  return parameters;
}

export function localizeFunctions(
  metadata: FunctionsJson,
  translations: Translations,
  parameterNames: ParameterNames = ZH_PARAMETER_NAMES,
): { json: FunctionsJson; errors: string[] } {
  const errors: string[] = [];
  const functions = metadata.functions.map((fn) => {
    const translation = translations[fn.id];
    if (!translation) {
      errors.push(`No zh-CN translation for function ${fn.id}`);
      return fn;
    }
    const parameters = localizeParameters(fn, translation, parameterNames, errors);
    return { ...fn, description: translation.description, parameters };
  });
  for (const id of Object.keys(translations)) {
    if (!metadata.functions.some((fn) => fn.id === id))
      errors.push(`zh-CN translation for unknown function ${id}`);
  }
  return { json: { ...metadata, functions }, errors };
}
