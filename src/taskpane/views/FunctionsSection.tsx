/**
 * The add-in's custom functions, for people's own cells: each with a line on what it gives, its
 * arguments as Excel names them in the pane's language, and an example over the workbook's own
 * tables that the pane inserts into the selected cell. Native <details> keep the list short (one
 * line a function) at no cost in bytes.
 */
import { Body1, Button, makeStyles, tokens } from "@fluentui/react-components";
import { Fragment, type ReactNode, useState } from "react";
import {
  exampleFormula,
  type FunctionExample,
  FUNCTION_EXAMPLES,
  type FunctionId,
} from "../../core/function-examples";
import type { Language } from "../../core/language";
import { parameterName } from "../../functions/parameter-names";
import { usePane } from "../context";
import { Section, useLayoutStyles } from "../layout";
import { ActionNotice } from "../Notice";
import { useAction } from "../use-action";

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyleType: "none", display: "flex", flexDirection: "column" },
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  summary: {
    cursor: "pointer",
    padding: `${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
  },
  name: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  body: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  formula: {
    display: "block",
    boxSizing: "border-box",
    width: "100%",
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "break-word",
    userSelect: "all",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** SHONLINE.COUNT(goals, goal, [statuses], …), the parameters named as Excel's help names them. */
function signature(example: FunctionExample, language: Language): string {
  const names = example.parameters.map(({ name, optional }) => {
    const shown = parameterName(name, language);
    return optional ? `[${shown}]` : shown;
  });
  return `${example.name}(${names.join(", ")})`;
}

/** A formula that may wrap after each comma (a copy takes the text alone), not inside a name. */
function Breakable({ text }: { readonly text: string }) {
  const parts = text.split(/(?<=,)/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

interface FunctionItemProps {
  readonly example: FunctionExample;
  readonly workbookLanguage: Language;
  readonly busy: boolean;
  /** What the last insert said, when it was this function's. */
  readonly notice: ReactNode;
  readonly onInsert: () => void;
}

/** One function: its line, and once opened its arguments, example and insert button. */
function FunctionItem({ example, workbookLanguage, busy, notice, onInsert }: FunctionItemProps) {
  const layout = useLayoutStyles();
  const styles = useStyles();
  const { language, t } = usePane();
  // The body is rendered only while open: a closed <details> keeps its controls out of reach of
  // the keyboard, but not out of the page.
  const [open, setOpen] = useState(false);
  const exampleId = `example-${example.id}`;
  return (
    <li className={styles.item} data-testid={`function-${example.id}`}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className={styles.summary}>
          <span className={styles.name}>{example.name}</span> {example.description[language]}
        </summary>
        {open ? (
          <div className={styles.body}>
            <Body1>{t("functionArguments", { arguments: signature(example, language) })}</Body1>
            <div className={layout.form}>
              <Body1>{t("functionExample")}</Body1>
              <code id={exampleId} className={styles.formula}>
                <Breakable text={exampleFormula(example.id, workbookLanguage)} />
              </code>
            </div>
            <Button disabledFocusable={busy} aria-describedby={exampleId} onClick={onInsert}>
              {t("insertExample")}
            </Button>
            {notice}
          </div>
        ) : null}
      </details>
    </li>
  );
}

export default function FunctionsSection() {
  const styles = useStyles();
  const { language, t, client, snapshot } = usePane();
  const { busy, message, run } = useAction();
  // The function whose button was pressed last: its message shows under it.
  const [pressed, setPressed] = useState<FunctionId>();
  // Structured references name the columns as the workbook spells them.
  const workbookLanguage = snapshot?.language ?? language;

  const insert = (id: FunctionId) => {
    setPressed(id);
    void run(async () => {
      const { address } = await client.insertExample(id);
      return (t) => t("exampleInserted", { address });
    });
  };

  return (
    <Section headingId="functions-title" title={t("functionsTitle")} testId="functions">
      <Body1>{t("functionsBody")}</Body1>
      <ul className={styles.list}>
        {FUNCTION_EXAMPLES.map((example) => (
          <FunctionItem
            key={example.id}
            example={example}
            workbookLanguage={workbookLanguage}
            busy={busy}
            notice={pressed === example.id ? <ActionNotice message={message} /> : null}
            onInsert={() => insert(example.id)}
          />
        ))}
      </ul>
    </Section>
  );
}
