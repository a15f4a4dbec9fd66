import { Link } from "react-router";

/**
 * A link with a short visible text ("Check-in") whose accessible name adds what it belongs to
 * ("Check-in for “Kickoff”"), so a list of cards does not read as ten identical links. The full
 * name starts with the visible words (WCAG 2.5.3, label in name).
 */
export function ContextLink({ to, text, name, className }: { to: string; text: string; name: string; className?: string }) {
  return (
    <Link to={to} aria-label={name} className={className}>
      {text}
    </Link>
  );
}
