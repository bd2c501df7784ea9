/**
 * The Register's evidence-link validation formula, computed by LibreOffice as a second engine:
 * each link of the core's cases sits in column A, the formula over it in column B, and the
 * recalculated verdicts must be the core's (isEvidenceLink). This checks the Excel semantics the
 * formula leans on (FIND of "" finds it at 1, MID past the end is "") outside our own evaluator.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { evidenceLinkFormula, isEvidenceLink } from "../../src/core/evidence-link";
import { ACCEPTED, REFUSED } from "../core/evidence-link-cases";
import { findSoffice, readBlock, readXlsx, recalcProfile, recalculate } from "./libreoffice";

/** Every case of the core's test, and a blank cell. */
const LINKS = [...ACCEPTED, ...REFUSED, ""];

describe("LibreOffice computes the evidence-link validation formula to the core's verdicts", () => {
  let folder = "";

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("on every case", async () => {
    const soffice = findSoffice();
    folder = mkdtempSync(join(tmpdir(), "evidence-link-"));
    const workbook = new ExcelJS.Workbook();
    workbook.calcProperties.fullCalcOnLoad = true;
    const sheet = workbook.addWorksheet("Links");
    LINKS.forEach((link, i) => {
      const row = i + 1;
      if (link !== "") sheet.getCell(row, 1).value = link;
      sheet.getCell(row, 2).value = { formula: evidenceLinkFormula(`A${row}`) };
    });
    const input = join(folder, "links.xlsx");
    await workbook.xlsx.writeFile(input);

    const { outputs } = recalculate(
      soffice,
      recalcProfile(join(folder, "profile")),
      [input],
      join(folder, "out"),
    );
    const recalculated = (await readXlsx(outputs[0])).getWorksheet("Links")!;
    const verdicts = readBlock(recalculated, 0, 1, LINKS.length, 1).map(([cell]) => cell);
    const expected = LINKS.map((link) => link === "" || isEvidenceLink(link));
    expect(LINKS.map((link, i) => [link, verdicts[i]])).toEqual(LINKS.map((link, i) => [link, expected[i]]));
  }, 120_000);
});
