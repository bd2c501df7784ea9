/** The layout the views share: columns, rows and lists, and a section under a level-2 heading. */
import { makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

export const useLayoutStyles = makeStyles({
  column: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  /** A column of form fields, closer together than sections. */
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  /** Fields side by side, their inputs level however their labels wrap. */
  fieldRow: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  /** A list whose items hold more than one line of text. */
  spacedList: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: "2px",
  },
  hidden: { display: "none" },
  /** Text that reads wrong when broken, such as a date (2021年6月30日). */
  nowrap: { whiteSpace: "nowrap" },
});

export interface SectionProps {
  /** The heading's id, which names the section for assistive technology. */
  readonly headingId: string;
  readonly title: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

export function Section({ headingId, title, testId, children }: SectionProps) {
  const styles = useLayoutStyles();
  return (
    <section aria-labelledby={headingId} className={styles.column} data-testid={testId}>
      <Subtitle2 as="h2" id={headingId}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
}
