/**
 * Text the pane cannot hand over itself (no clipboard, no downloads in this Excel), shown
 * selected in a read-only box for the person to copy.
 */
import { Body1, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { useLayoutStyles } from "./layout";

const useStyles = makeStyles({
  // A plain text area: Fluent's Textarea would cost more bytes than this fallback needs.
  text: {
    boxSizing: "border-box",
    width: "100%",
    minHeight: "10em",
    padding: tokens.spacingHorizontalS,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    resize: "vertical",
  },
});

export function TextToCopy({ id, label, text }: { id: string; label: string; text: string }) {
  const layout = useLayoutStyles();
  const styles = useStyles();
  const box = useRef<HTMLTextAreaElement>(null);
  // Selected as it appears, so one copy command takes it all.
  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, [text]);
  return (
    <div className={layout.form}>
      <label htmlFor={id}>
        <Body1>{label}</Body1>
      </label>
      <textarea id={id} ref={box} className={styles.text} readOnly value={text} />
    </div>
  );
}
