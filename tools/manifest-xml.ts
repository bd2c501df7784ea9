/**
 * The add-in manifest as a tree of elements, parsed once by fast-xml-parser: for the validator and
 * for npm start, which reads the add-in's Id and button label from it.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

/** One element. Names carry no namespace prefix: <bt:Image> is "Image", xsi:type is "type". */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent?: XmlElement;
}

const ATTRIBUTE_PREFIX = "@_";
const ATTRIBUTES_KEY = ":@";
const TEXT_KEY = "#text";

/** fast-xml-parser's preserveOrder node: { name: children, ":@": attributes } or { "#text": text }. */
type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  removeNSPrefix: true,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function nodeName(node: OrderedNode): string {
  return Object.keys(node).find((key) => key !== ATTRIBUTES_KEY) ?? TEXT_KEY;
}

function toElement(node: OrderedNode, parent?: XmlElement): XmlElement {
  const name = nodeName(node);
  const element: XmlElement = { name, attributes: {}, children: [], text: "", parent };
  const attributes = (node[ATTRIBUTES_KEY] ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(attributes))
    element.attributes[key.slice(ATTRIBUTE_PREFIX.length)] = String(value);
  for (const child of node[name] as OrderedNode[]) {
    if (nodeName(child) === TEXT_KEY) element.text += String(child[TEXT_KEY]);
    else element.children.push(toElement(child, element));
  }
  return element;
}

/** The root element; throws "line L, column C: reason" when the text is not well-formed XML. */
export function parseManifest(text: string): XmlElement {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    // A file that ends with several elements open is reported at line 1 with a JSON list of them.
    const unclosed = /^Invalid '(\[.*\])' found\.$/.exec(msg);
    if (unclosed) {
      const names = (JSON.parse(unclosed[1]!) as string[]).map((name) => `<${name}>`).join(", ");
      throw new Error(`line ${text.trimEnd().split("\n").length}: the file ends with ${names} still open`);
    }
    throw new Error(`line ${line}${col ? `, column ${col}` : ""}: ${msg}`);
  }
  const roots = (parser.parse(text) as OrderedNode[]).filter((node) => nodeName(node) !== TEXT_KEY);
  if (roots.length !== 1) throw new Error(`${roots.length} root elements; a manifest has one`);
  return toElement(roots[0]!);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenNamed(element, name)[0];
}

export function descendants(
  element: XmlElement | undefined,
  predicate: (e: XmlElement) => boolean,
): XmlElement[] {
  return (element?.children ?? []).flatMap((c) => [
    ...(predicate(c) ? [c] : []),
    ...descendants(c, predicate),
  ]);
}
