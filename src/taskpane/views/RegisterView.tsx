/** Adding an entry (checked field by field by the core), the latest entries, CSV import and export. */
import { Body1, Button, Caption1, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { type ChangeEvent, type FormEvent, useMemo, useRef, useState } from "react";
import { nowSerial, serialToIso } from "../../core/dates";
import { checkEntry, type EntryField, type EntryInput, entryKey, type Issue } from "../../core/entries";
import { findGoal } from "../../core/goal-spec";
import { type Bilingual, DISTRICTS, GOALS, SECTORS, UNMANNED_KINDS } from "../../core/plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../../core/register";
import type { Language } from "../../core/language";
import { type ImportPreview, previewRegisterFile, registerCsvTemplate } from "../../core/register-csv";
import { usePane } from "../context";
import { DateField } from "../DateField";
import { useFileSave, UnsavedFile } from "../file-save";
import { formatDate, formatList, formatSentences } from "../format";
import type { MessageKey } from "../i18n";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice, Notice } from "../Notice";
import { FilterControls, FilterNote, useRegisterFilter } from "../filters";
import { isFiltered, type LatestEntry, latestWhere } from "../overview-model";
import { useAction } from "../use-action";
import { districtWord, goalWord, sectorWord, statusWord } from "../workbook-words";

const FIELD_LABELS: Record<EntryField, MessageKey> = {
  goal: "fieldGoal",
  name: "fieldName",
  kind: "fieldKind",
  sector: "fieldSector",
  district: "fieldDistrict",
  date: "fieldDate",
  status: "fieldStatus",
  evidence: "fieldEvidence",
  notes: "fieldNotes",
  enteredBy: "fieldName",
  creditCode: "fieldCreditCode",
};

const EMPTY_ENTRY: EntryInput = {
  goal: "",
  name: "",
  kind: "",
  sector: "",
  district: "",
  date: "",
  status: "",
  evidence: "",
  creditCode: "",
  notes: "",
};

interface Choice {
  readonly id: string;
  readonly label: Bilingual;
}

const STATUS_CHOICES: readonly Choice[] = ENTRY_STATUS_IDS.map((id) => ({
  id,
  label: ENTRY_STATUS_LABELS[id],
}));

function useExistingKeys(): Set<string> {
  const { overview } = usePane();
  return useMemo(() => {
    const keys = new Set<string>();
    for (const { goal, name } of overview?.registerKeys ?? []) {
      const found = typeof goal === "string" ? findGoal(goal) : undefined;
      if (found && typeof name === "string" && name.trim()) keys.add(entryKey(found.id, name));
    }
    return keys;
  }, [overview]);
}

function EntryForm() {
  const layout = useLayoutStyles();
  const { language, t, client, snapshot, refresh, settings } = usePane();
  const keys = useExistingKeys();
  const [input, setInput] = useState<EntryInput>(EMPTY_ENTRY);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const { busy, message, run, say } = useAction();

  const set =
    (field: EntryField) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setInput({ ...input, [field]: event.target.value });
  const issueOf = (field: EntryField) =>
    issues.find((i) => i.field === field && i.severity === "error") ?? issues.find((i) => i.field === field);
  const fieldProps = (field: EntryField, required = false) => {
    const issue = issueOf(field);
    return {
      label: t(FIELD_LABELS[field]),
      required,
      validationState: issue
        ? issue.severity === "error"
          ? ("error" as const)
          : ("warning" as const)
        : ("none" as const),
      validationMessage: issue?.message[language],
    };
  };
  // Render helpers (not components: they hold no state), one per kind of field.
  const choiceField = (
    field: EntryField,
    blank: MessageKey,
    choices: readonly Choice[],
    required = false,
  ) => (
    <Field {...fieldProps(field, required)}>
      <Select value={String(input[field])} onChange={set(field)}>
        <option value="">{t(blank)}</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label[language]}
          </option>
        ))}
      </Select>
    </Field>
  );
  const inputField = (field: EntryField, type: "text" | "url", required = false) => (
    <Field {...fieldProps(field, required)}>
      <Input type={type} value={String(input[field])} onChange={set(field)} />
    </Field>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEntry(input, keys);
    setIssues(checked.issues);
    const { entry } = checked;
    if (!entry) {
      say("error", "fixFields");
      return;
    }
    void run(async () => {
      await client.addEntries([entry], snapshot?.language ?? language, nowSerial(), settings.name);
      setInput(EMPTY_ENTRY);
      setIssues([]);
      await refresh();
      return (t) => t("entryAdded", { name: entry.name });
    });
  };

  return (
    <Section headingId="add-title" title={t("addEntryTitle")}>
      <ActionNotice message={message} />
      <form className={layout.form} onSubmit={submit} noValidate>
        {choiceField("goal", "choose", GOALS, true)}
        {inputField("name", "text", true)}
        {choiceField("kind", "none", UNMANNED_KINDS)}
        {choiceField("sector", "none", SECTORS)}
        {choiceField("district", "none", DISTRICTS)}
        <DateField
          {...fieldProps("date")}
          value={String(input.date ?? "")}
          onChange={(date) => setInput({ ...input, date })}
        />
        {choiceField("status", "choose", STATUS_CHOICES, true)}
        {inputField("evidence", "url")}
        {inputField("creditCode", "text")}
        <Field {...fieldProps("notes")}>
          <Textarea value={String(input.notes)} onChange={set("notes")} resize="vertical" />
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t("addEntry")}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** What the register holds about an entry besides its name and date, each word in the pane's language. */
function entryDetails(entry: LatestEntry, language: Language): string[] {
  const optional = (cell: string, word: typeof goalWord) => (cell ? [word(cell, language)] : []);
  return [
    goalWord(entry.goal, language),
    statusWord(entry.status, language),
    ...optional(entry.sector, sectorWord),
    ...optional(entry.district, districtWord),
  ];
}

function LatestEntries() {
  const layout = useLayoutStyles();
  const { overview, snapshot, language, t } = usePane();
  const [filter, setFilter] = useRegisterFilter();
  // The rows the filter keeps, found once per filter (or read) change.
  const latest = useMemo(
    () => (snapshot && isFiltered(filter) ? latestWhere(snapshot, filter) : (overview?.latest ?? [])),
    [snapshot, overview, filter],
  );
  return (
    <Section headingId="latest-title" title={t("latestTitle")}>
      <FilterControls filter={filter} onChange={setFilter} />
      <FilterNote filter={filter} />
      {latest.length === 0 ? (
        <Body1>{t("noEntries")}</Body1>
      ) : (
        <ul className={layout.spacedList} data-testid="latest">
          {latest.map((entry, i) => (
            <li key={`${entry.name}-${i}`}>
              <Body1>{entry.name}</Body1>{" "}
              <Caption1>
                · {entryDetails(entry, language).join(" · ")}
                {entry.date !== undefined ? (
                  <>
                    {" · "}
                    <span className={layout.nowrap}>{formatDate(entry.date, language)}</span>
                  </>
                ) : null}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function CsvImport() {
  const layout = useLayoutStyles();
  const { language, t, client, snapshot, refresh, settings } = usePane();
  const keys = useExistingKeys();
  const file = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<ImportPreview>();
  const { busy, message, run, say } = useAction();
  const { save, unsaved } = useFileSave();

  // In the pane's language: the person fills it in, and the import reads headers in either language.
  const saveTemplate = () => {
    const name = t("templateFileName");
    const file = { name, type: "text/csv;charset=utf-8", content: registerCsvTemplate(language) };
    if (save(file)) say("success", (t) => t("templateSaved", { file: name }));
  };
  const read = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    // Cleared, so that choosing the same file again reads it again.
    event.target.value = "";
    if (!chosen) return;
    void run(async () => setPreview(previewRegisterFile(new Uint8Array(await chosen.arrayBuffer()), keys)));
  };
  const importValid = (accepted: ImportPreview["accepted"]) =>
    run(async () => {
      const count = await client.addEntries(
        accepted,
        snapshot?.language ?? language,
        nowSerial(),
        settings.name,
      );
      setPreview(undefined);
      await refresh();
      return (t) => t("imported", { count });
    });
  const problems = preview?.rows.filter((row) => !row.checked.entry) ?? [];

  return (
    <Section headingId="import-title" title={t("importTitle")}>
      <Caption1 block>{t("importHelp")}</Caption1>
      <ActionNotice message={message} />
      <input
        ref={file}
        className={layout.hidden}
        type="file"
        accept=".csv,text/csv"
        data-testid="csv-file"
        aria-label={t("chooseFile")}
        onChange={read}
      />
      <div className={layout.row}>
        <Button onClick={() => file.current?.click()}>{t("chooseFile")}</Button>
        <Button onClick={saveTemplate}>{t("templateButton")}</Button>
      </div>
      <UnsavedFile file={unsaved} id="template-text" />
      {preview ? (
        <div className={layout.column} data-testid="import-preview">
          {preview.fileErrors.map((error) => (
            <Notice key={error.en} intent="error">
              {error[language]}
            </Notice>
          ))}
          {preview.fileErrors.length === 0 ? (
            <Body1>{t("importPreview", { valid: preview.accepted.length, invalid: problems.length })}</Body1>
          ) : null}
          {preview.encoding && preview.rows.length > 0 ? (
            <Caption1 data-testid="import-first-names">
              {t("importReadAs", {
                encoding: preview.encoding,
                names: formatList(
                  preview.rows.slice(0, 5).map((row) => row.input.name ?? ""),
                  language,
                ),
              })}
            </Caption1>
          ) : null}
          {preview.hintLines?.length ? (
            <Caption1 data-testid="import-hint-lines">
              {t("hintLinesSkipped", { lines: formatList(preview.hintLines, language) })}
            </Caption1>
          ) : null}
          {preview.ignoredColumns.length > 0 ? (
            <Caption1>
              {t("ignoredColumns", { columns: formatList(preview.ignoredColumns, language) })}
            </Caption1>
          ) : null}
          {problems.length > 0 ? (
            <ul className={layout.spacedList} data-testid="import-problems">
              {problems.map((row) => (
                <li key={row.line}>
                  <Caption1>
                    {t("importProblem", {
                      line: row.line,
                      problems: formatSentences(
                        row.checked.issues
                          .filter((i) => i.severity === "error")
                          .map((i) => i.message[language]),
                        language,
                      ),
                    })}
                  </Caption1>
                </li>
              ))}
            </ul>
          ) : null}
          <div className={layout.row}>
            <Button
              appearance="primary"
              disabled={busy || preview.accepted.length === 0}
              onClick={() => void importValid(preview.accepted)}
            >
              {t("importButton", { count: preview.accepted.length })}
            </Button>
            <Button onClick={() => setPreview(undefined)}>{t("cancel")}</Button>
          </div>
        </div>
      ) : null}
    </Section>
  );
}

function CsvExport() {
  const { t, client } = usePane();
  const { busy, message, run } = useAction();
  const { save, unsaved } = useFileSave();
  const exportCsv = () =>
    run(async () => {
      const csv = await client.exportCsv();
      const name = `register-${serialToIso(nowSerial())}.csv`;
      if (save({ name, type: "text/csv;charset=utf-8", content: csv }))
        return (t) => t("exported", { file: name });
    });
  return (
    <Section headingId="export-title" title={t("exportTitle")}>
      <ActionNotice message={message} />
      <div>
        <Button disabledFocusable={busy} onClick={() => void exportCsv()}>
          {t("exportButton")}
        </Button>
      </div>
      <UnsavedFile file={unsaved} id="export-text" />
    </Section>
  );
}

export default function RegisterView() {
  const layout = useLayoutStyles();
  return (
    <div className={layout.column} data-testid="register-view">
      <EntryForm />
      <LatestEntries />
      <CsvImport />
      <CsvExport />
    </div>
  );
}
