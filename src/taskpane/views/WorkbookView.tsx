/**
 * Creating, repairing or upgrading the tracking workbook (what will change shown first), sharing
 * it, and the add-in's functions for cells of your own.
 */
import { Body1, Button, Field, Radio, RadioGroup } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { Language } from "../../core/language";
import type { TemplateChanges } from "../../core/template/template-changes";
import { PAGE_LAYOUT_REQUIREMENT } from "../../excel/page-layout";
import { TEMPLATE_VERSION } from "../../core/template/template";
import { usePane } from "../context";
import { formatList } from "../format";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice, Loading, Notice } from "../Notice";
import { useAction, type Wording } from "../use-action";
import FunctionsSection from "./FunctionsSection";

// The same chunk as the pane's own offer of the check (App.tsx), loaded once for both.
const DiagnosticsSection = lazy(
  () => import(/* webpackChunkName: "view-diagnostics" */ "./DiagnosticsSection"),
);

/** "Check this Excel", below the view, once its code has loaded. */
function Diagnostics() {
  return (
    <Suspense fallback={null}>
      <DiagnosticsSection />
    </Suspense>
  );
}

export default function WorkbookView() {
  const layout = useLayoutStyles();
  const { language, t, client, refresh } = usePane();
  const [workbookLanguage, setWorkbookLanguage] = useState<Language>(language);
  const [changes, setChanges] = useState<TemplateChanges>();
  // Whether the last apply left out the page setup, which this Excel cannot write.
  const [pageLayoutSkipped, setPageLayoutSkipped] = useState(false);
  const { busy, message, run } = useAction();

  const loadChanges = useCallback(
    async () => setChanges(await client.preview(workbookLanguage)),
    [client, workbookLanguage],
  );
  // What applying would change, read again for each workbook language chosen.
  useEffect(() => void run(loadChanges), [run, loadChanges]);

  const apply = () =>
    run(async () => {
      setPageLayoutSkipped(false);
      const report = await client.apply(workbookLanguage);
      setPageLayoutSkipped(report.pageLayout === "unsupported");
      await loadChanges();
      await refresh();
      return (t) => t("applied", { version: report.toVersion });
    });

  // A workbook that cannot even be previewed is where a check of this Excel helps most.
  if (!changes)
    return message ? (
      <>
        <ActionNotice message={message} />
        <Diagnostics />
      </>
    ) : (
      <Loading label={t("loading")} />
    );
  const isNew = changes.fromVersion === null;
  const created = changes.sheets.filter((s) => s.create).map((s) => s.name);
  const columns = changes.newColumns.flatMap((c) =>
    c.columns.map((column) => column.header[changes.language]),
  );
  const rows = changes.newRows.reduce((n, r) => n + r.rows.length, 0);
  const changeLines = [
    created.length > 0 ? t("willCreateSheets", { sheets: formatList(created, language) }) : undefined,
    columns.length > 0 ? t("willAddColumns", { columns: formatList(columns, language) }) : undefined,
    changes.titleRows.length > 0
      ? t("willAddTitleRows", {
          sheets: formatList(
            changes.titleRows.map((p) => p.name),
            language,
          ),
        })
      : undefined,
    rows > 0 ? t("willAddRows", { count: rows }) : undefined,
  ].filter((line): line is string => Boolean(line));

  return (
    <Section headingId="workbook-title" title={t("workbookTitle")} testId="workbook-view">
      <ActionNotice message={message} />
      {pageLayoutSkipped ? (
        <Notice intent="warning">
          {t("pageLayoutSkipped", {
            requirement: `${PAGE_LAYOUT_REQUIREMENT.set} ${PAGE_LAYOUT_REQUIREMENT.version}`,
            repair: t("repairWorkbook"),
          })}
        </Notice>
      ) : null}
      <Body1 data-testid="version-found">
        {isNew
          ? t("versionNone")
          : t("versionFound", { version: changes.fromVersion ?? 0, current: TEMPLATE_VERSION })}
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
      {changeLines.length > 0 ? (
        <ul className={layout.list}>
          {changeLines.map((line) => (
            <li key={line}>
              <Body1>{line}</Body1>
            </li>
          ))}
        </ul>
      ) : (
        <Body1>{t("upToDate")}</Body1>
      )}
      {changes.conflicts.map((conflict) => (
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
      {isNew ? null : <FunctionsSection />}
      <Diagnostics />
    </Section>
  );
}

/** Preparing the workbook for colleagues with or without the add-in. */
function Sharing() {
  const layout = useLayoutStyles();
  const { t, client, refresh } = usePane();
  const { busy, message, run } = useAction();
  // Loading with the workbook is stored in the file and troubles recipients without the add-in,
  // so it is set only once the user has read why (see src/excel/sharing.ts).
  const [confirmingLoad, setConfirmingLoad] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingLoad) confirmButton.current?.focus();
  }, [confirmingLoad]);
  // Each button changes the workbook, so the pane reads it again before saying it is done.
  const share = (action: () => Promise<Wording>) => {
    setConfirmingLoad(false);
    return run(async () => {
      const done = await action();
      await refresh();
      return done;
    });
  };
  const loadWithWorkbook = () =>
    share(async () => {
      await client.loadWithWorkbook();
      return "loadWithWorkbookDone";
    });
  const stopLoadingWithWorkbook = () =>
    share(async () => {
      await client.stopLoadingWithWorkbook();
      return "stopLoadWithWorkbookDone";
    });
  return (
    <Section headingId="share-title" title={t("shareTitle")}>
      <Body1>{t("shareBody")}</Body1>
      <ActionNotice message={message} />
      <div className={layout.row}>
        <Button
          disabledFocusable={busy}
          aria-expanded={confirmingLoad}
          aria-controls="load-with-workbook-warning"
          onClick={() => setConfirmingLoad(true)}
        >
          {t("loadWithWorkbook")}
        </Button>
        <Button disabledFocusable={busy} onClick={() => void stopLoadingWithWorkbook()}>
          {t("stopLoadWithWorkbook")}
        </Button>
      </div>
      {confirmingLoad ? (
        <div id="load-with-workbook-warning" className={layout.form} data-testid="load-with-workbook-warning">
          <Notice intent="warning" title={t("loadWithWorkbookWarningTitle")}>
            <span id="load-with-workbook-warning-text">{t("loadWithWorkbookWarning")}</span>
          </Notice>
          <div className={layout.row}>
            <Button
              ref={confirmButton}
              appearance="primary"
              disabledFocusable={busy}
              aria-describedby="load-with-workbook-warning-text"
              onClick={() => void loadWithWorkbook()}
            >
              {t("loadWithWorkbookConfirm")}
            </Button>
            <Button onClick={() => setConfirmingLoad(false)}>{t("cancel")}</Button>
          </div>
        </div>
      ) : null}
    </Section>
  );
}
