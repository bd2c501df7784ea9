/** A goal's figures as a two-column list (name, value), as the Overview's details and the Evaluation show them. */
import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  figures: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "2px",
    margin: 0,
  },
  figureValue: { textAlign: "end", fontVariantNumeric: "tabular-nums", margin: 0 },
});

export function Figures({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.figures}>
      {rows.map(([name, value]) => (
        <div key={name} style={{ display: "contents" }}>
          <dt>
            <Caption1>{name}</Caption1>
          </dt>
          <dd className={styles.figureValue}>
            <Caption1>{value}</Caption1>
          </dd>
        </div>
      ))}
    </dl>
  );
}
