/** Adding an entry (checked field by field by the core), the latest entries, CSV import and export. */
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
  Subtitle2,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type ChangeEvent, type FormEvent, useMemo, useRef, useState } from "react";
import { nowSerial, serialToIso } from "../../core/dates";
import { checkEntry, type EntryField, type EntryInput, entryKey, type Issue } from "../../core/entries";
import { findGoal } from "../../core/goal-spec";
import { DISTRICTS, GOALS, SECTORS, UNMANNED_KINDS } from "../../core/plan";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS } from "../../core/register";
import { type ImportPreview, previewRegisterImport } from "../../core/register-csv";
import { usePane } from "../context";
import { describeFailure } from "../errors";
import { formatDate } from "../format";
import type { MessageKey } from "../i18n";
import { Notice } from "../Notice";

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  hidden: { display: "none" },
});

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
};

type Message = { intent: "success" | "error" | "warning"; text: string } | undefined;

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
  const styles = useStyles();
  const { language, t, client, snapshot, refresh } = usePane();
  const keys = useExistingKeys();
  const empty: EntryInput = {
    goal: "",
    name: "",
    kind: "",
    sector: "",
    district: "",
    date: "",
    status: "",
    evidence: "",
    notes: "",
  };
  const [input, setInput] = useState<EntryInput>(empty);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

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
  const options = <T extends { id: string; label: { en: string; zh: string } }>(items: readonly T[]) =>
    items.map((item) => (
      <option key={item.id} value={item.id}>
        {item.label[language]}
      </option>
    ));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEntry(input, keys);
    setIssues(checked.issues);
    if (!checked.entry) {
      setMessage({ intent: "error", text: t("fixFields") });
      return;
    }
    setBusy(true);
    try {
      await client.addEntries([checked.entry], snapshot?.language ?? language, nowSerial());
      setMessage({ intent: "success", text: t("entryAdded", { name: checked.entry.name }) });
      setInput(empty);
      setIssues([]);
      await refresh();
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="add-title" className={styles.column}>
      <Subtitle2 as="h2" id="add-title">
        {t("addEntryTitle")}
      </Subtitle2>
      {message ? <Notice intent={message.intent}>{message.text}</Notice> : null}
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
        <Field {...fieldProps("goal", true)}>
          <Select value={String(input.goal)} onChange={set("goal")}>
            <option value="">{t("choose")}</option>
            {options(GOALS)}
          </Select>
        </Field>
        <Field {...fieldProps("name", true)}>
          <Input value={String(input.name)} onChange={set("name")} />
        </Field>
        <Field {...fieldProps("kind")}>
          <Select value={String(input.kind)} onChange={set("kind")}>
            <option value="">{t("none")}</option>
            {options(UNMANNED_KINDS)}
          </Select>
        </Field>
        <Field {...fieldProps("sector")}>
          <Select value={String(input.sector)} onChange={set("sector")}>
            <option value="">{t("none")}</option>
            {options(SECTORS)}
          </Select>
        </Field>
        <Field {...fieldProps("district")}>
          <Select value={String(input.district)} onChange={set("district")}>
            <option value="">{t("none")}</option>
            {options(DISTRICTS)}
          </Select>
        </Field>
        <Field {...fieldProps("date")}>
          <Input type="date" value={String(input.date)} onChange={set("date")} />
        </Field>
        <Field {...fieldProps("status", true)}>
          <Select value={String(input.status)} onChange={set("status")}>
            <option value="">{t("choose")}</option>
            {options(ENTRY_STATUS_IDS.map((id) => ({ id, label: ENTRY_STATUS_LABELS[id] })))}
          </Select>
        </Field>
        <Field {...fieldProps("evidence")}>
          <Input type="url" value={String(input.evidence)} onChange={set("evidence")} />
        </Field>
        <Field {...fieldProps("notes")}>
          <Textarea value={String(input.notes)} onChange={set("notes")} resize="vertical" />
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabled={busy}>
            {t("addEntry")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function LatestEntries() {
  const styles = useStyles();
  const { overview, language, t } = usePane();
  const latest = overview?.latest ?? [];
  return (
    <section aria-labelledby="latest-title" className={styles.column}>
      <Subtitle2 as="h2" id="latest-title">
        {t("latestTitle")}
      </Subtitle2>
      {latest.length === 0 ? (
        <Body1>{t("noEntries")}</Body1>
      ) : (
        <ul className={styles.list} data-testid="latest">
          {latest.map((entry, i) => (
            <li key={`${entry.name}-${i}`}>
              <Body1>{entry.name}</Body1>{" "}
              <Caption1>
                · {entry.goal} · {entry.status}
                {entry.date !== undefined ? ` · ${formatDate(entry.date, language)}` : ""}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CsvImport() {
  const styles = useStyles();
  const { language, t, client, snapshot, refresh } = usePane();
  const keys = useExistingKeys();
  const file = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<ImportPreview>();
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = "";
    if (!chosen) return;
    setMessage(undefined);
    setPreview(previewRegisterImport(await chosen.text(), keys));
  };
  const importValid = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const count = await client.addEntries(preview.accepted, snapshot?.language ?? language, nowSerial());
      setMessage({ intent: "success", text: t("imported", { count }) });
      setPreview(undefined);
      await refresh();
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    } finally {
      setBusy(false);
    }
  };
  const problems = preview?.rows.filter((row) => !row.checked.entry) ?? [];

  return (
    <section aria-labelledby="import-title" className={styles.column}>
      <Subtitle2 as="h2" id="import-title">
        {t("importTitle")}
      </Subtitle2>
      <Caption1 block>{t("importHelp")}</Caption1>
      {message ? <Notice intent={message.intent}>{message.text}</Notice> : null}
      <input
        ref={file}
        className={styles.hidden}
        type="file"
        accept=".csv,text/csv"
        data-testid="csv-file"
        aria-label={t("chooseFile")}
        onChange={(e) => void read(e)}
      />
      <div>
        <Button onClick={() => file.current?.click()}>{t("chooseFile")}</Button>
      </div>
      {preview ? (
        <div className={styles.column} data-testid="import-preview">
          {preview.fileErrors.map((error) => (
            <Notice key={error.en} intent="error">
              {error[language]}
            </Notice>
          ))}
          {preview.fileErrors.length === 0 ? (
            <Body1>{t("importPreview", { valid: preview.accepted.length, invalid: problems.length })}</Body1>
          ) : null}
          {preview.ignoredColumns.length > 0 ? (
            <Caption1>{t("ignoredColumns", { columns: preview.ignoredColumns.join(", ") })}</Caption1>
          ) : null}
          {problems.length > 0 ? (
            <ul className={styles.list} data-testid="import-problems">
              {problems.map((row) => (
                <li key={row.line}>
                  <Caption1>
                    {t("importLine", { line: row.line })}:{" "}
                    {row.checked.issues
                      .filter((i) => i.severity === "error")
                      .map((i) => i.message[language])
                      .join(" ")}
                  </Caption1>
                </li>
              ))}
            </ul>
          ) : null}
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={busy || preview.accepted.length === 0}
              onClick={() => void importValid()}
            >
              {t("importButton", { count: preview.accepted.length })}
            </Button>
            <Button onClick={() => setPreview(undefined)}>{t("cancel")}</Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function CsvExport() {
  const styles = useStyles();
  const { t, client, language } = usePane();
  const [message, setMessage] = useState<Message>();
  const exportCsv = async () => {
    try {
      const csv = await client.exportCsv();
      const fileName = `register-${serialToIso(nowSerial())}.csv`;
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setMessage({ intent: "success", text: t("exported", { file: fileName }) });
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    }
  };
  return (
    <section aria-labelledby="export-title" className={styles.column}>
      <Subtitle2 as="h2" id="export-title">
        {t("exportTitle")}
      </Subtitle2>
      {message ? <Notice intent={message.intent}>{message.text}</Notice> : null}
      <div>
        <Button onClick={() => void exportCsv()}>{t("exportButton")}</Button>
      </div>
    </section>
  );
}

export default function RegisterView() {
  const styles = useStyles();
  return (
    <div className={styles.column} data-testid="register-view">
      <EntryForm />
      <LatestEntries />
      <CsvImport />
      <CsvExport />
    </div>
  );
}
