/**
 * A date typed as text, not <input type="date">: the browser shows that one in its own locale
 * (mm/dd/yyyy in an English browser under a Chinese pane). The placeholder is in the pane's
 * language, core reads the forms people write (2021-06-30, 2021/6/30, 2021年6月30日), and the
 * hint shows the date read, so the person sees what will be written.
 */
import { Field, type FieldProps, Input } from "@fluentui/react-components";
import type { Dispatch } from "react";
import { parseWrittenDate } from "../core/dates";
import { usePane } from "./context";
import { formatDate } from "./format";

export interface DateFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: Dispatch<string>;
  readonly required?: boolean;
  readonly validationState?: FieldProps["validationState"];
  readonly validationMessage?: string;
}

export function DateField({ value, onChange, ...field }: DateFieldProps) {
  const { language, t } = usePane();
  const serial = value.trim() ? parseWrittenDate(value) : undefined;
  return (
    <Field
      {...field}
      hint={serial === undefined ? undefined : t("dateReadAs", { date: formatDate(serial, language) })}
    >
      <Input
        type="text"
        autoComplete="off"
        value={value}
        placeholder={t("datePlaceholder")}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}
