/**
 * The as-of date and the status rule (kept in the workbook, so everyone sees the same figures and
 * its formulas judge as the pane does), and the pane's language.
 */
import { Body1, Button, Caption1, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { parseWrittenDate, serialToIso } from "../../core/dates";
import type { Language } from "../../core/language";
import {
  DEFAULT_STATUS_RULES,
  STATUS_RULE_EXPLANATIONS,
  STATUS_RULE_IDS,
  STATUS_RULE_LABELS,
  STATUS_RULE_SOURCES,
  STATUS_RULE_UNITS,
  type StatusRule,
  type StatusRuleId,
  statusRuleProblem,
} from "../../core/status-rules";
import { statusRuleFrom } from "../../core/tracking";
import { usePane } from "../context";
import { DateField } from "../DateField";
import { formatDate } from "../format";
import type { HostInfo } from "../host";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice, Notice } from "../Notice";
import { cleanName, NAME_MAX } from "../settings";
import { useAction } from "../use-action";

function AsOfSetting() {
  const { t, client, snapshot, refresh } = usePane();
  const [mode, setMode] = useState<"today" | "fixed">(snapshot?.asOfIsToday === false ? "fixed" : "today");
  const [date, setDate] = useState(
    snapshot?.asOf !== undefined && !snapshot.asOfIsToday ? serialToIso(snapshot.asOf) : "",
  );
  const { busy, message, run, say } = useAction();
  if (!snapshot) return null;
  const save = () => {
    const serial = mode === "today" ? undefined : parseWrittenDate(date);
    if (mode === "fixed" && serial === undefined) {
      say("error", "asOfInvalid");
      return;
    }
    void run(async () => {
      await client.setAsOf(serial);
      await refresh();
      return (t, language) =>
        t("asOfSaved", { date: serial === undefined ? t("asOfToday") : formatDate(serial, language) });
    });
  };
  return (
    <Section headingId="asof-title" title={t("asOfSetting")}>
      <ActionNotice message={message} />
      <RadioGroup
        value={mode}
        onChange={(_, data) => setMode(data.value as "today" | "fixed")}
        aria-labelledby="asof-title"
      >
        <Radio value="today" label={t("asOfToday")} />
        <Radio value="fixed" label={t("asOfFixed")} />
      </RadioGroup>
      {mode === "fixed" ? <DateField label={t("asOfFixed")} value={date} onChange={setDate} /> : null}
      <div>
        <Button disabledFocusable={busy} onClick={save}>
          {t("asOfApply")}
        </Button>
      </div>
    </Section>
  );
}

/**
 * Which rule judges On track / At risk / Behind, and its thresholds: written into the workbook
 * (About and Status rules), which the Targets sheet's status formulas read too.
 */
function StatusRuleSetting() {
  const { t, language, client, snapshot, refresh } = usePane();
  const reading = snapshot
    ? statusRuleFrom(snapshot.about, snapshot.statusRules, snapshot.language)
    : undefined;
  const [id, setId] = useState<StatusRuleId>(reading?.rule.id ?? "RATIO");
  // Each rule's thresholds as its row holds them, so choosing a rule and applying it keeps them.
  const inWorkbook = (rule: StatusRuleId) => reading?.thresholds[rule] ?? DEFAULT_STATUS_RULES[rule];
  const [onTrack, setOnTrack] = useState(String(inWorkbook(id).onTrack));
  const [atRisk, setAtRisk] = useState(String(inWorkbook(id).atRisk));
  const { busy, message, run, say } = useAction();
  const layout = useLayoutStyles();
  // The form starts again from the workbook whenever what it holds changes (a refresh, an edit on
  // the sheet), keeping the message of what was just done.
  const readingKey = JSON.stringify(reading ?? null);
  useEffect(() => {
    const rule = reading?.rule.id ?? "RATIO";
    setId(rule);
    setOnTrack(String(inWorkbook(rule).onTrack));
    setAtRisk(String(inWorkbook(rule).atRisk));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the reading's contents, not its identity
  }, [readingKey]);
  if (!snapshot || !reading) return null;
  const choose = (rule: StatusRuleId) => {
    setId(rule);
    setOnTrack(String(inWorkbook(rule).onTrack));
    setAtRisk(String(inWorkbook(rule).atRisk));
  };
  const save = () => {
    const rule: StatusRule = { id, onTrack: Number(onTrack), atRisk: Number(atRisk) };
    if (onTrack.trim() === "" || atRisk.trim() === "" || statusRuleProblem(rule) !== undefined) {
      say("error", id === "ELAPSED" ? "ruleInvalidPoints" : "ruleInvalidRatio");
      return;
    }
    void run(async () => {
      await client.setStatusRule(rule, snapshot.language);
      await refresh();
      return (t, language) => t("ruleSaved", { rule: STATUS_RULE_LABELS[id][language] });
    });
  };
  const unit = STATUS_RULE_UNITS[id][language];
  return (
    <Section headingId="rule-title" title={t("ruleTitle")}>
      <Body1>{t("ruleIntro")}</Body1>
      {reading.unknownName !== undefined ? (
        <Notice intent="warning">{t("ruleUnknown", { name: reading.unknownName })}</Notice>
      ) : null}
      {reading.problem !== undefined ? <Notice intent="warning">{t("ruleProblem")}</Notice> : null}
      <ActionNotice message={message} />
      <RadioGroup
        value={id}
        onChange={(_, data) => choose(data.value as StatusRuleId)}
        aria-labelledby="rule-title"
      >
        {STATUS_RULE_IDS.map((rule) => (
          <Radio key={rule} value={rule} label={STATUS_RULE_LABELS[rule][language]} />
        ))}
      </RadioGroup>
      <Body1 data-testid="rule-explanation">{STATUS_RULE_EXPLANATIONS[id][language]}</Body1>
      <Caption1 data-testid="rule-source">
        {t("ruleSource")}
        {STATUS_RULE_SOURCES[id][language]}
      </Caption1>
      <div className={layout.fieldRow}>
        <Field label={t("onTrackThreshold", { unit })}>
          <Input type="number" value={onTrack} onChange={(_, data) => setOnTrack(data.value)} />
        </Field>
        <Field label={t("atRiskThreshold", { unit })}>
          <Input type="number" value={atRisk} onChange={(_, data) => setAtRisk(data.value)} />
        </Field>
      </div>
      <div>
        <Button disabledFocusable={busy} onClick={save}>
          {t("ruleApply")}
        </Button>
      </div>
    </Section>
  );
}

export default function SettingsView({ host }: { host: HostInfo }) {
  const layout = useLayoutStyles();
  const { t, settings, updateSettings } = usePane();
  const [language, setLanguage] = useState<Language | "office">(settings.language);
  const [name, setName] = useState(settings.name);
  // Nothing to wait for here; the hook is for its messages, which re-read in the language just chosen.
  const { message, say } = useAction();
  const save = () => {
    const kept = cleanName(name);
    updateSettings({ language, name: kept });
    setName(kept);
    say("success", "settingsSaved");
  };
  return (
    <div className={layout.column} data-testid="settings-view">
      {host.inExcel ? <AsOfSetting /> : null}
      {host.inExcel ? <StatusRuleSetting /> : null}
      <Section headingId="settings-title" title={t("settingsTitle")}>
        <ActionNotice message={message} />
        <Field label={t("nameSetting")} hint={t("nameHint")}>
          <Input
            value={name}
            maxLength={NAME_MAX}
            autoComplete="name"
            data-testid="settings-name"
            onChange={(_, data) => setName(data.value)}
          />
        </Field>
        <Field label={t("languageSetting")}>
          <RadioGroup value={language} onChange={(_, data) => setLanguage(data.value as Language | "office")}>
            <Radio value="office" label={t("followOffice")} />
            <Radio value="en" label="English" />
            <Radio value="zh" label="中文" />
          </RadioGroup>
        </Field>
        <div>
          <Button appearance="primary" onClick={save}>
            {t("saveSettings")}
          </Button>
        </div>
      </Section>
    </div>
  );
}
