/**
 * A message bar the user can act on: what happened, and optionally a button to do something.
 * Drawn with Fluent tokens rather than Fluent's MessageBar, whose icons and layout machinery cost
 * more bytes than this pane can spare; errors are announced as alerts, the rest as status.
 */
import { Body1Strong, Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { ActionMessage } from "./use-action";

export interface NoticeProps {
  readonly intent: "info" | "success" | "warning" | "error";
  readonly title?: string;
  readonly children: ReactNode;
  readonly action?: { label: string; onClick: () => void };
}

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    borderLeftWidth: tokens.strokeWidthThicker,
    borderLeftStyle: "solid",
  },
  info: { backgroundColor: tokens.colorNeutralBackground3, borderLeftColor: tokens.colorNeutralForeground3 },
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    borderLeftColor: tokens.colorPaletteGreenForeground1,
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    borderLeftColor: tokens.colorPaletteDarkOrangeForeground1,
  },
  error: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    borderLeftColor: tokens.colorPaletteRedForeground1,
  },
  action: { alignSelf: "flex-start" },
});

export function Notice({ intent, title, children, action }: NoticeProps) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.bar, styles[intent])} role={intent === "error" ? "alert" : "status"}>
      {title ? <Body1Strong>{title}</Body1Strong> : null}
      <Text>{children}</Text>
      {action ? (
        <Button className={styles.action} size="small" onClick={action.onClick}>
          {action.label}
        </Button>
      ) : null}
    </div>
  );
}

/** "Loading…" for screen readers and eyes alike, without a spinner's animation code. */
export function Loading({ label }: { label: string }) {
  return (
    <Text role="status" aria-live="polite">
      {label}
    </Text>
  );
}

/** What the last action said (see useAction), where the view shows it. */
export function ActionNotice({ message }: { message: ActionMessage | undefined }) {
  return message ? <Notice intent={message.intent}>{message.text}</Notice> : null;
}
