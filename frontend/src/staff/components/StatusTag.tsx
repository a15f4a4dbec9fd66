import { useTranslation } from "react-i18next";

type Kind = "event" | "process" | "group" | "registration" | "membership" | "staff";

// Grouped by meaning, not colour alone: the word is always there; the frame only helps the eye.
const TONE: Record<string, "good" | "waiting" | "ended" | "draft"> = {
  published: "good",
  confirmed: "good",
  attended: "good",
  member: "good",
  active: "good",
  pending: "waiting",
  waitlisted: "waiting",
  offered: "waiting",
  applied: "waiting",
  unconfirmed: "waiting",
  invited: "waiting",
  postponed: "waiting",
  draft: "draft",
  cancelled: "ended",
  archived: "ended",
  no_show: "ended",
  expired: "ended",
  rejected: "ended",
  withdrawn: "ended",
  deactivated: "ended",
};

export function StatusTag({ kind, status }: { kind: Kind; status: string }) {
  const { t } = useTranslation("staff");
  return <span className={`status-tag tone-${TONE[status] ?? "draft"}`}>{t(`status.${kind}.${status}`)}</span>;
}
