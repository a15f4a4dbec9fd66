import type { ReactNode } from "react";

/** Label–value pairs for read-only details; empty values are left out. */
export function DefinitionList({ items }: { items: [ReactNode, ReactNode][] }) {
  const shown = items.filter(([, value]) => value !== null && value !== undefined && value !== "" && value !== false);
  return (
    <dl className="details">
      {shown.map(([term, value], index) => (
        <div key={index}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
