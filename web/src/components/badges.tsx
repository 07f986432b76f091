import type { Badge } from '../lib/badges';

/** A row of status badges; each says what it means to screen readers and as a tooltip. */
export function Badges({ badges }: { badges: Badge[] }) {
  return (
    <span class="badges">
      {badges.map((badge) => (
        <span key={badge.kind} class={`badge badge-${badge.kind}`} title={badge.description}>
          {badge.label}
          <span class="visually-hidden">: {badge.description}</span>
        </span>
      ))}
    </span>
  );
}
