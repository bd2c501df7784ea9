/** A message bar the user can act on: what happened, and optionally a button to do something. */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { ReactNode } from "react";

export interface NoticeProps {
  readonly intent: "info" | "success" | "warning" | "error";
  readonly title?: string;
  readonly children: ReactNode;
  readonly action?: { label: string; onClick: () => void };
}

export function Notice({ intent, title, children, action }: NoticeProps) {
  return (
    <MessageBar intent={intent} layout="multiline" role={intent === "error" ? "alert" : "status"}>
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {children}
      </MessageBarBody>
      {action ? (
        <MessageBarActions>
          <Button size="small" onClick={action.onClick}>
            {action.label}
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
