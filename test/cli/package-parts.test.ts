/** Adding parts to an .xlsx package: relationships, content types, and a worksheet's element order. */
import {
  addContentType,
  addRelationship,
  freePartName,
  insertWorksheetElement,
  type Parts,
  RELATIONSHIP_TYPES,
  relationshipsOf,
  resolveTarget,
  worksheetPart,
} from "../../src/cli/package-parts";
import { expectWellFormed } from "./ooxml-reader";

const WORKSHEET_NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function worksheet(children: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${WORKSHEET_NS}>${children}</worksheet>`;
}

function parts(entries: Record<string, string>): Parts {
  return new Map(Object.entries(entries).map(([name, xml]) => [name, Buffer.from(xml, "utf8")]));
}

const text = (p: Parts, name: string) => p.get(name)!.toString("utf8");

const DRAWING = '<drawing r:id="rId9"/>';

describe("insertWorksheetElement", () => {
  it("puts the drawing before the table parts and the sheet's extensions, not inside a rule's extLst", () => {
    const sheet = worksheet(
      '<sheetData/><conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><dataBar/>' +
        '<extLst><ext uri="{B025F937}"/></extLst></cfRule></conditionalFormatting>' +
        '<pageMargins left="0.7"/><pageSetup orientation="portrait"/>' +
        '<tableParts count="1"><tablePart r:id="rId1"/></tableParts><extLst><ext uri="{78C0D931}"/></extLst>',
    );
    const result = insertWorksheetElement(sheet, "drawing", DRAWING);
    expectWellFormed(result);
    expect(result).toContain(`<pageSetup orientation="portrait"/>${DRAWING}<tableParts count="1">`);
  });

  it("goes after the page setup and before a legacy drawing", () => {
    const sheet = worksheet(
      '<sheetData/><pageSetup/><headerFooter><oddHeader>&amp;P</oddHeader></headerFooter><legacyDrawing r:id="rId2"/>',
    );
    expect(insertWorksheetElement(sheet, "drawing", DRAWING)).toContain(
      `</headerFooter>${DRAWING}<legacyDrawing`,
    );
  });

  it("ends the worksheet when nothing the sequence puts after it is there", () => {
    const result = insertWorksheetElement(
      worksheet('<sheetData><row r="1"/></sheetData><pageMargins/>'),
      "drawing",
      DRAWING,
    );
    expect(result.endsWith(`<pageMargins/>${DRAWING}</worksheet>`)).toBe(true);
  });

  it("reads past attribute values that hold > and past comments", () => {
    const sheet = worksheet(
      '<sheetData/><!-- <tableParts> --><dataValidations count="1"><dataValidation sqref="A1" prompt="a>b"/></dataValidations><tableParts count="0"/>',
    );
    expect(insertWorksheetElement(sheet, "drawing", DRAWING)).toContain(
      `</dataValidations>${DRAWING}<tableParts`,
    );
  });

  it("refuses a worksheet that already has a drawing", () => {
    expect(() =>
      insertWorksheetElement(worksheet('<sheetData/><drawing r:id="rId1"/>'), "drawing", DRAWING),
    ).toThrow("already has a drawing");
  });
});

const RELS_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';

describe("relationships", () => {
  it("resolves targets relative to the source part's folder", () => {
    expect(resolveTarget("xl/worksheets/sheet2.xml", "../tables/table3.xml")).toBe("xl/tables/table3.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/styles.xml")).toBe("xl/styles.xml");
  });

  it("adds a relationship under an id none of the part's relationships has", () => {
    const p = parts({
      "xl/worksheets/_rels/sheet2.xml.rels":
        `${RELS_HEAD}<Relationship Id="rId1" Type="t" Target="../tables/table2.xml"/>` +
        `<Relationship Id="rId3" Type="t" Target="../tables/table3.xml"/></Relationships>`,
    });
    const id = addRelationship(
      p,
      "xl/worksheets/sheet2.xml",
      RELATIONSHIP_TYPES.drawing,
      "xl/drawings/drawing1.xml",
    );
    expect(["rId1", "rId3"]).not.toContain(id);
    expectWellFormed(text(p, "xl/worksheets/_rels/sheet2.xml.rels"));
    expect(relationshipsOf(p, "xl/worksheets/sheet2.xml")).toEqual([
      { id: "rId1", type: "t", target: "xl/tables/table2.xml", external: false },
      { id: "rId3", type: "t", target: "xl/tables/table3.xml", external: false },
      { id, type: RELATIONSHIP_TYPES.drawing, target: "xl/drawings/drawing1.xml", external: false },
    ]);
    expect(text(p, "xl/worksheets/_rels/sheet2.xml.rels")).toContain('Target="../drawings/drawing1.xml"');
  });

  it("creates the relationships part of a part that has none", () => {
    const p = parts({});
    expect(
      addRelationship(p, "xl/drawings/drawing1.xml", RELATIONSHIP_TYPES.chart, "xl/charts/chart1.xml"),
    ).toBe("rId1");
    expectWellFormed(text(p, "xl/drawings/_rels/drawing1.xml.rels"));
    expect(relationshipsOf(p, "xl/drawings/drawing1.xml")).toEqual([
      { id: "rId1", type: RELATIONSHIP_TYPES.chart, target: "xl/charts/chart1.xml", external: false },
    ]);
  });
});

describe("content types, part names and sheets", () => {
  const TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`;

  it("declares a part's content type once", () => {
    const p = parts({ "[Content_Types].xml": TYPES });
    addContentType(
      p,
      "xl/charts/chart1.xml",
      "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    );
    expectWellFormed(text(p, "[Content_Types].xml"));
    expect(text(p, "[Content_Types].xml")).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
    );
    expect(() => addContentType(p, "xl/charts/chart1.xml", "x")).toThrow("already has a content type");
  });

  it("names a new part with the first free number", () => {
    const p = parts({ "xl/charts/chart1.xml": "", "xl/charts/chart3.xml": "" });
    expect(freePartName(p, "xl/charts/chart", ".xml")).toBe("xl/charts/chart2.xml");
    expect(freePartName(parts({}), "xl/drawings/drawing", ".xml")).toBe("xl/drawings/drawing1.xml");
  });

  it("finds a worksheet's part by the sheet's name, entities and all", () => {
    const p = parts({
      "xl/workbook.xml": `<workbook ${WORKSHEET_NS}><sheets><sheet sheetId="1" name="About" r:id="rId4"/><sheet sheetId="2" name="R&amp;D &apos;看板&apos;" state="visible" r:id="rId5"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels":
        `${RELS_HEAD}<Relationship Id="rId4" Type="${RELATIONSHIP_TYPES.worksheet}" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId5" Type="${RELATIONSHIP_TYPES.worksheet}" Target="worksheets/sheet2.xml"/></Relationships>`,
    });
    expect(worksheetPart(p, "R&D '看板'")).toBe("xl/worksheets/sheet2.xml");
    expect(worksheetPart(p, "About")).toBe("xl/worksheets/sheet1.xml");
    expect(() => worksheetPart(p, "Dashboard")).toThrow("no worksheet named Dashboard");
  });
});
