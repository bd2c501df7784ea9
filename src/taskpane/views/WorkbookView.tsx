/** Creating, repairing or upgrading the tracking workbook, with what will change shown first. */
import {
  Body1,
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { Language } from "../../core/language";
import type { TemplateChanges } from "../../core/template/template-changes";
import { TEMPLATE_VERSION } from "../../core/template/template";
import { usePane } from "../context";
import { describeFailure } from "../errors";
import { formatDate } from "../format";
import { Loading, Notice } from "../Notice";

const useStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type Message = { intent: "success" | "error"; text: string } | undefined;

export default function WorkbookView() {
  const styles = useStyles();
  const { language, t, client, refresh } = usePane();
  const [workbookLanguage, setWorkbookLanguage] = useState<Language>(language);
  const [plan, setPlan] = useState<TemplateChanges>();
  const [message, setMessage] = useState<Message>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setPlan(await client.preview(workbookLanguage));
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    }
  }, [client, workbookLanguage, t]);
  useEffect(() => void load(), [load]);

  const apply = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const report = await client.apply(workbookLanguage);
      setMessage({ intent: "success", text: t("applied", { version: report.toVersion }) });
      await load();
      await refresh();
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    } finally {
      setBusy(false);
    }
  };

  if (!plan)
    return message ? (
      <Notice intent={message.intent}>{message.text}</Notice>
    ) : (
      <Loading label={t("loading")} />
    );
  const isNew = plan.fromVersion === null;
  const created = plan.sheets.filter((s) => s.create).map((s) => s.name);
  const columns = plan.newColumns.flatMap((c) => c.columns.map((column) => column.header[plan.language]));
  const rows = plan.newRows.reduce((n, r) => n + r.rows.length, 0);
  const changes = [
    created.length > 0 ? t("willCreateSheets", { sheets: created.join(", ") }) : undefined,
    columns.length > 0 ? t("willAddColumns", { columns: columns.join(", ") }) : undefined,
    rows > 0 ? t("willAddRows", { count: rows }) : undefined,
  ].filter((line): line is string => Boolean(line));

  return (
    <section aria-labelledby="workbook-title" className={styles.column} data-testid="workbook-view">
      <Subtitle2 as="h2" id="workbook-title">
        {t("workbookTitle")}
      </Subtitle2>
      {message ? <Notice intent={message.intent}>{message.text}</Notice> : null}
      <Body1 data-testid="version-found">
        {isNew
          ? t("versionNone")
          : t("versionFound", { version: plan.fromVersion ?? 0, current: TEMPLATE_VERSION })}
      </Body1>
      {isNew ? (
        <Field label={t("languageChoice")}>
          <RadioGroup
            value={workbookLanguage}
            onChange={(_, data) => setWorkbookLanguage(data.value as Language)}
          >
            <Radio value="en" label="English" />
            <Radio value="zh" label="中文" />
          </RadioGroup>
        </Field>
      ) : null}
      {changes.length > 0 ? (
        <ul className={styles.list}>
          {changes.map((line) => (
            <li key={line}>
              <Body1>{line}</Body1>
            </li>
          ))}
        </ul>
      ) : (
        <Body1>{t("upToDate")}</Body1>
      )}
      {plan.conflicts.map((conflict) => (
        <Notice key={conflict.wanted} intent="warning">
          {t("conflictExplained", conflict)}
        </Notice>
      ))}
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void apply()}>
          {isNew ? t("createWorkbook") : t("repairWorkbook")}
        </Button>
      </div>
      {isNew ? null : <Sharing />}
    </section>
  );
}

/** Preparing the workbook for colleagues with or without the add-in. */
function Sharing() {
  const styles = useStyles();
  const { language, t, client, snapshot, refresh } = usePane();
  const [message, setMessage] = useState<Message>();
  const run = async (action: () => Promise<string>) => {
    try {
      setMessage({ intent: "success", text: await action() });
      await refresh();
    } catch (error) {
      setMessage({ intent: "error", text: describeFailure(error, t, language) });
    }
  };
  const workbookLanguage = snapshot?.language ?? language;
  return (
    <section aria-labelledby="share-title" className={styles.column}>
      <Subtitle2 as="h2" id="share-title">
        {t("shareTitle")}
      </Subtitle2>
      <Body1>{t("shareBody")}</Body1>
      {message ? <Notice intent={message.intent}>{message.text}</Notice> : null}
      <div className={styles.buttons}>
        <Button
          onClick={() =>
            void run(async () => {
              const stamp = await client.freeze(workbookLanguage);
              return t("frozen", { date: stamp === undefined ? "?" : formatDate(stamp, language) });
            })
          }
        >
          {t("freeze")}
        </Button>
        <Button
          onClick={() => void run(async () => (await client.unfreeze(workbookLanguage), t("unfrozen")))}
        >
          {t("unfreeze")}
        </Button>
        <Button
          onClick={() => void run(async () => (await client.loadWithWorkbook(), t("loadWithWorkbookDone")))}
        >
          {t("loadWithWorkbook")}
        </Button>
      </div>
    </section>
  );
}
