import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";

type Participant = Schemas["ParticipantOut"];

/** One fact in a person card: a label and its value, in the card's list. */
export function PersonFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <li>
      <span className="fact-label">{label}:</span> {children}
    </li>
  );
}

type PersonCardProps = {
  person: Participant;
  /** How the person came: the sign-up's or the membership's channel. */
  channel: Schemas["Channel"];
  /** The status line under the name. */
  status: ReactNode;
  /** Facts of this sign-up or membership, after the person's own. */
  facts: ReactNode;
  /** Answers and actions, below the facts. */
  children?: ReactNode;
};

/**
 * A person in the list of an event's sign-ups or a group's members: the same name, contact data,
 * stakeholder group and channel on both pages, so staff read them in one place and one order.
 */
export function PersonCard({ person, channel, status, facts, children }: PersonCardProps) {
  const { t } = useTranslation("staff");
  return (
    <li className="card person-card">
      <h3 className="card-title">{person.full_name}</h3>
      <p>{status}</p>
      <ul className="facts">
        {person.email && (
          <PersonFact label={t("people.email")}>
            <span dir="ltr">{person.email}</span>
          </PersonFact>
        )}
        {person.phone && (
          <PersonFact label={t("people.phone")}>
            <span dir="ltr">{person.phone}</span>
          </PersonFact>
        )}
        {person.affiliation && <PersonFact label={t("people.affiliation")}>{person.affiliation}</PersonFact>}
        <PersonFact label={t("people.category")}>{t(`enums.category.${person.category}`)}</PersonFact>
        <PersonFact label={t("people.channel")}>{t(`enums.channel.${channel}`)}</PersonFact>
        {facts}
      </ul>
      {children}
    </li>
  );
}
