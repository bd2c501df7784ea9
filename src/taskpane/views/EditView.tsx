/**
 * Editing an entry (全程留痕): find it by name in the register as last read, then change its
 * status, date or evidence link. Each field changed is one row of the Changes sheet, naming the
 * person by the name given in Settings. Nothing is deleted: an entry is withdrawn instead.
 */
import { Body1, Button, Caption1, Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { nowSerial, parseWrittenDate, serialToIso } from "../../core/dates";
import type { Language } from "../../core/language";
import { type LedgerRow, ledgerColumnsOf, ledgerRowOf, registerCell, rowKey } from "../../core/ledger";
import { ENTRY_STATUS_IDS, ENTRY_STATUS_LABELS, type EntryStatusId } from "../../core/register";
import { REGISTER_HEADERS } from "../../core/template/headers";
import { type EntryEdit, findEntries } from "../../core/trail";
import { hasChangeTrail, usePane } from "../context";
import { NameNeeded } from "./NameNeeded";
import { DateField } from "../DateField";
import { formatDate } from "../format";
import type { Translate } from "../i18n";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice, Notice } from "../Notice";
import { type Action, useAction } from "../use-action";

/** Matches listed at most: more means the name typed is too short to tell them apart. */
const MATCH_LIMIT = 50;

/** A ledger cell as the pane shows it: the plan's labels in the pane's language, a date as a date. */
function shown(field: "goal" | "status" | "district", row: LedgerRow, language: Language): string {
  const value = registerCell(field, row[field], language);
  return value === null ? "" : String(value);
}

function dateText(row: LedgerRow, language: Language, t: Translate): string {
  if (typeof row.date === "number") return formatDate(row.date, language);
  return row.date === null ? t("editUndated") : String(row.date);
}

/** One match's line: goal, status, date and (when set) district. */
function matchDetails(row: LedgerRow, language: Language, t: Translate): string {
  const district = shown("district", row, language);
  return [shown("goal", row, language), shown("status", row, language), dateText(row, language, t)]
    .concat(district ? [district] : [])
    .join(" · ");
}

/** The form's starting values, from the row as read. */
function formOf(row: LedgerRow) {
  const status = typeof row.status === "string" ? row.status : "";
  return {
    status: (ENTRY_STATUS_IDS as readonly string[]).includes(status) ? status : "",
    date: typeof row.date === "number" ? serialToIso(row.date) : row.date === null ? "" : String(row.date),
    evidence: row.evidence === null ? "" : String(row.evidence),
  };
}

interface Target {
  readonly row: number;
  readonly key: string;
}

function EntryEditor({ row, target, action }: { row: LedgerRow; target: Target; action: Action }) {
  const layout = useLayoutStyles();
  const { t, language, client, snapshot, settings, refresh } = usePane();
  const initial = useMemo(() => formOf(row), [row]);
  const [status, setStatus] = useState(initial.status);
  const [date, setDate] = useState(initial.date);
  const [evidence, setEvidence] = useState(initial.evidence);
  const { busy, run, say } = action;

  const save = () => {
    // Who changed what is the point of the trail: no edit goes in without a name.
    if (!settings.name) {
      say("error", "nameNeeded");
      return;
    }
    // Only what the person changed: a field left as read is not sent (its cell may hold text the core would refuse).
    const edit: { -readonly [K in keyof EntryEdit]: EntryEdit[K] } = {};
    if (status !== initial.status && status !== "") edit.status = status as EntryStatusId;
    if (date.trim() !== initial.date.trim()) {
      const serial = date.trim() === "" ? null : parseWrittenDate(date);
      if (serial === undefined) {
        say("error", "editDateInvalid");
        return;
      }
      edit.date = serial;
    }
    if (evidence.trim() !== initial.evidence.trim())
      edit.evidence = evidence.trim() === "" ? null : evidence.trim();
    void run(async () => {
      const changes = await client.editEntry(
        target,
        edit,
        nowSerial(),
        settings.name,
        snapshot?.language ?? language,
      );
      const count = changes.length;
      await refresh();
      if (count === 0) return "editNothingChanged";
      return count === 1 ? "editRecordedOne" : (t) => t("editRecorded", { count });
    });
  };

  return (
    <Section headingId="edit-entry-title" title={t("editEntryTitle", { name: String(row.name ?? "") })}>
      <Caption1 block>{matchDetails(row, language, t)}</Caption1>
      <div className={layout.form}>
        <Field label={t("fieldStatus")}>
          <Select value={status} onChange={(event) => setStatus(event.target.value)}>
            {initial.status === "" ? <option value="">{t("choose")}</option> : null}
            {ENTRY_STATUS_IDS.map((id) => (
              <option key={id} value={id}>
                {ENTRY_STATUS_LABELS[id][language]}
              </option>
            ))}
          </Select>
        </Field>
        <DateField label={t("fieldDate")} value={date} onChange={setDate} />
        <Field label={t("fieldEvidence")}>
          <Input type="url" value={evidence} onChange={(_, data) => setEvidence(data.value)} />
        </Field>
        <Caption1 block>{t("editNoDelete")}</Caption1>
        <div>
          <Button appearance="primary" disabled={busy} onClick={save}>
            {t("editSave")}
          </Button>
        </div>
      </div>
    </Section>
  );
}

export default function EditView() {
  const layout = useLayoutStyles();
  const { t, language, snapshot } = usePane();
  const [query, setQuery] = useState("");
  const [target, setTarget] = useState<Target>();
  const action = useAction();

  // The register as last read, in no language: what findEntries searches and the edit names.
  const rows = useMemo((): LedgerRow[] => {
    if (!snapshot) return [];
    const columns = ledgerColumnsOf(snapshot.register.headers, (field) => REGISTER_HEADERS[field]);
    return snapshot.register.rows.map((cells) => ledgerRowOf(cells, columns));
  }, [snapshot]);
  const matches = useMemo(() => findEntries(rows, query, MATCH_LIMIT), [rows, query]);

  if (!snapshot) return null;
  if (!hasChangeTrail(snapshot))
    return (
      <div className={layout.column} data-testid="edit-view">
        <Notice intent="warning">{t("trailNeedsUpgrade")}</Notice>
      </div>
    );

  // The chosen row as the latest read has it; gone when the register changed under it.
  const chosen =
    target && rows[target.row] && rowKey(rows[target.row]) === target.key ? rows[target.row] : undefined;
  const searched = query.trim() !== "";

  return (
    <div className={layout.column} data-testid="edit-view">
      <NameNeeded />
      <Section headingId="edit-find-title" title={t("editFindTitle")}>
        <Field label={t("editSearch")}>
          <Input
            type="search"
            autoComplete="off"
            value={query}
            data-testid="edit-search"
            onChange={(_, data) => setQuery(data.value)}
          />
        </Field>
        {/* How many were found is announced as the person types; the list itself is not read out. */}
        <div role="status" aria-live="polite" data-testid="edit-found">
          {!searched ? null : matches.length === 0 ? (
            <Body1>{t("editNoMatch", { query: query.trim() })}</Body1>
          ) : (
            <Body1>
              {t("editFound", { count: matches.length })}
              {matches.length === MATCH_LIMIT ? ` ${t("editMatchesLimited", { count: MATCH_LIMIT })}` : null}
            </Body1>
          )}
        </div>
        {searched && matches.length > 0 ? (
          <div className={layout.form} data-testid="edit-matches">
            <Body1 id="edit-matches-title">{t("editMatchesTitle")}</Body1>
            <RadioGroup
              aria-labelledby="edit-matches-title"
              value={target ? String(target.row) : ""}
              onChange={(_, data) => {
                const index = Number(data.value);
                setTarget({ row: index, key: rowKey(rows[index]) });
              }}
            >
              {matches.map((index) => (
                <Radio
                  key={index}
                  value={String(index)}
                  label={`${String(rows[index].name ?? "")} · ${matchDetails(rows[index], language, t)}`}
                />
              ))}
            </RadioGroup>
          </div>
        ) : null}
      </Section>
      <ActionNotice message={action.message} />
      {chosen && target ? (
        <EntryEditor
          key={`${target.row}:${JSON.stringify(chosen)}`}
          row={chosen}
          target={target}
          action={action}
        />
      ) : target && !action.busy ? (
        <Notice intent="warning">{t("editRowGone")}</Notice>
      ) : null}
    </div>
  );
}
