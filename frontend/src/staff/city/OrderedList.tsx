// An editable list whose order matters (contacts, links, districts, allowed websites): each entry in
// its own fieldset with "move up", "move down" and "remove" buttons, so it works by keyboard alone and
// a screen reader hears which entry a button acts on. Focus follows the entry that moved.
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/** An entry as the form holds it: a key of its own, so React and the focus keep track of it while it moves. */
export type Keyed<T> = T & { key: string };

let counter = 0;
export function keyed<T extends object>(value: T): Keyed<T> {
  counter += 1;
  return { ...value, key: `entry-${counter}` };
}

export function unkeyed<T extends object>({ key: _key, ...value }: Keyed<T>): T {
  return value as unknown as T;
}

type Props<T extends object> = {
  items: Keyed<T>[];
  onChange: (items: Keyed<T>[]) => void;
  /** The legend of one entry, e.g. "Contact 2: Ada Lovelace"; also names the buttons. */
  legend: (item: Keyed<T>, index: number) => string;
  /** The fields of one entry. */
  children: (item: Keyed<T>, index: number, update: (change: Partial<T>) => void) => ReactNode;
  /** A new, empty entry. */
  blank: () => T;
  addLabel: string;
  emptyText: string;
  /** Entries shown in one line (a list of single texts), not as a fieldset with a legend. */
  compact?: boolean;
};

type Pending = { key: string; button: "up" | "down" | "first" } | { key: "add"; button: "add" } | null;

export function OrderedList<T extends object>({ items, onChange, legend, children, blank, addLabel, emptyText, compact }: Props<T>) {
  const { t } = useTranslation("staffCity");
  const list = useRef<HTMLDivElement>(null);
  const pending = useRef<Pending>(null);

  useEffect(() => {
    const wanted = pending.current;
    if (!wanted || !list.current) return;
    pending.current = null;
    if (wanted.button === "add") {
      list.current.querySelector<HTMLButtonElement>("[data-list-add]")?.focus();
      return;
    }
    const entry = list.current.querySelector<HTMLElement>(`[data-entry="${wanted.key}"]`);
    if (!entry) return;
    // The same button if it is still there (an entry moved to the top has no "up"), else its neighbour.
    const target =
      wanted.button === "first"
        ? entry.querySelector<HTMLElement>("input, textarea, select")
        : (entry.querySelector<HTMLElement>(`[data-move="${wanted.button}"]`) ?? entry.querySelector<HTMLElement>("[data-move]"));
    target?.focus();
  });

  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [entry] = next.splice(index, 1);
    next.splice(index + by, 0, entry);
    pending.current = { key: entry.key, button: by < 0 ? "up" : "down" };
    onChange(next);
  };
  const remove = (index: number) => {
    const neighbour = items[index + 1] ?? items[index - 1];
    pending.current = neighbour ? { key: neighbour.key, button: "first" } : { key: "add", button: "add" };
    onChange(items.filter((_, i) => i !== index));
  };
  const add = () => {
    const entry = keyed(blank());
    pending.current = { key: entry.key, button: "first" };
    onChange([...items, entry]);
  };

  return (
    <div className="ordered-list" ref={list}>
      {items.length === 0 ? <p>{emptyText}</p> : null}
      {items.length > 0 && (
        <ol className="ordered-entries">
          {items.map((item, index) => {
            const name = legend(item, index);
            const update = (change: Partial<T>) => onChange(items.map((other, i) => (i === index ? { ...other, ...change } : other)));
            const buttons = (
              <div className="button-row entry-buttons">
                {index > 0 && (
                  <button type="button" data-move="up" aria-label={t("list.moveUpLabel", { name })} onClick={() => move(index, -1)}>
                    <span aria-hidden="true">↑ </span>
                    {t("list.moveUp")}
                  </button>
                )}
                {index < items.length - 1 && (
                  <button type="button" data-move="down" aria-label={t("list.moveDownLabel", { name })} onClick={() => move(index, 1)}>
                    <span aria-hidden="true">↓ </span>
                    {t("list.moveDown")}
                  </button>
                )}
                <button type="button" className="danger" data-move="remove" aria-label={t("list.removeLabel", { name })} onClick={() => remove(index)}>
                  {t("list.remove")}
                </button>
              </div>
            );
            return (
              <li key={item.key} data-entry={item.key} className={compact ? "entry entry-compact" : "entry"}>
                {compact ? (
                  <>
                    {children(item, index, update)}
                    {buttons}
                  </>
                ) : (
                  <fieldset className="question-draft">
                    <legend>{name}</legend>
                    {children(item, index, update)}
                    {buttons}
                  </fieldset>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" data-list-add onClick={add}>
        {addLabel}
      </button>
    </div>
  );
}
