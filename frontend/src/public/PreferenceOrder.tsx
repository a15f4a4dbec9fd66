import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { moveGroup, positionOf } from "./preferences";

type PreferenceOrderProps = {
  /** Chosen group ids, the most wanted first. */
  order: string[];
  names: Record<string, string>;
  onChange: (order: string[]) => void;
};

/**
 * The chosen groups in order of preference, each with "move up" / "move down" buttons (no drag and
 * drop: it works with a keyboard, a switch or a screen reader). The new position is announced in a
 * live region, and focus stays on the group that moved.
 */
export function PreferenceOrder({ order, names, onChange }: PreferenceOrderProps) {
  const { t } = useTranslation("public");
  const [announcement, setAnnouncement] = useState("");
  const [focusNext, setFocusNext] = useState<{ id: string; direction: "up" | "down" } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (!focusNext) return;
    const same = buttons.current.get(`${focusNext.id}-${focusNext.direction}`);
    const other = buttons.current.get(`${focusNext.id}-${focusNext.direction === "up" ? "down" : "up"}`);
    // At the top "move up" is disabled: focus its neighbour, so focus is never lost.
    (same && !same.disabled ? same : other)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  function move(id: string, direction: "up" | "down") {
    const next = moveGroup(order, id, direction === "up" ? -1 : 1);
    onChange(next);
    setAnnouncement(
      t("apply.moved", { name: names[id], position: positionOf(next, id), total: next.length }),
    );
    setFocusNext({ id, direction });
  }

  return (
    <>
      <ol className="preference-list">
        {order.map((id, index) => (
          <li key={id} className="preference">
            <span className="preference-name">
              <span className="preference-rank">{t("apply.rank", { position: index + 1 })}</span> {names[id]}
            </span>
            <span className="preference-buttons">
              <button
                type="button"
                ref={(element) => void (element ? buttons.current.set(`${id}-up`, element) : buttons.current.delete(`${id}-up`))}
                disabled={index === 0}
                aria-label={t("apply.moveUp", { name: names[id] })}
                onClick={() => move(id, "up")}
              >
                <span aria-hidden="true">↑ </span>
                {t("apply.up")}
              </button>
              <button
                type="button"
                ref={(element) =>
                  void (element ? buttons.current.set(`${id}-down`, element) : buttons.current.delete(`${id}-down`))
                }
                disabled={index === order.length - 1}
                aria-label={t("apply.moveDown", { name: names[id] })}
                onClick={() => move(id, "down")}
              >
                <span aria-hidden="true">↓ </span>
                {t("apply.down")}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}
