/**
 * Builds the zh-CN custom functions metadata from the generated English functions.json and the
 * translations in src/functions/functions.zh-CN.json: same ids, types and options; Chinese names
 * and descriptions. Any function or parameter without a translation is an error, so a new
 * function cannot ship untranslated.
 */

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

export interface FunctionTranslation {
  name: string;
  description: string;
  parameters: Record<string, string>;
}

export type Translations = Record<string, FunctionTranslation>;

/** Custom function names: a letter first, then letters, digits, "_" or "."; at least 3 characters. */
const VALID_NAME = /^\p{L}[\p{L}\p{N}_.]{2,}$/u;

export function localizeFunctions(
  metadata: FunctionsJson,
  translations: Translations,
): { json: FunctionsJson; errors: string[] } {
  const errors: string[] = [];
  const functions = metadata.functions.map((fn) => {
    const translation = translations[fn.id];
    if (!translation) {
      errors.push(`No zh-CN translation for function ${fn.id}`);
      return fn;
    }
    if (!VALID_NAME.test(translation.name))
      errors.push(`zh-CN name of ${fn.id} is not a valid function name: ${translation.name}`);
    const parameters = fn.parameters.map((param) => {
      const description = translation.parameters[param.name];
      if (!description) errors.push(`No zh-CN description for parameter ${param.name} of ${fn.id}`);
      return { ...param, description: description ?? param.description };
    });
    for (const name of Object.keys(translation.parameters)) {
      if (!fn.parameters.some((param) => param.name === name))
        errors.push(`zh-CN translation of ${fn.id} names an unknown parameter ${name}`);
    }
    return { ...fn, name: translation.name, description: translation.description, parameters };
  });
  for (const id of Object.keys(translations)) {
    if (!metadata.functions.some((fn) => fn.id === id))
      errors.push(`zh-CN translation for unknown function ${id}`);
  }
  const names = functions.map((fn) => fn.name.toUpperCase());
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) errors.push(`zh-CN function name used twice: ${duplicate}`);
  return { json: { ...metadata, functions }, errors };
}
