// One catalogue entry: the drawing, its notation and its counts. Draggable (text = notation)
// onto the editor or the spacetime grid; click or Enter loads it into the editor.
import { memo, useId, type DragEvent, type FocusEvent } from 'react';
import type { CatalogueEntry } from '../app/derived/catalogue';
import { DiagramSvg } from './DiagramSvg';

interface Props {
  entry: CatalogueEntry;
  index: number;
  tabbable: boolean;
  onFocusItem: (index: number) => void;
  onActivate: (notation: string) => void;
}

function onDragStart(e: DragEvent<HTMLLIElement>, notation: string): void {
  e.dataTransfer.setData('text/plain', notation);
  e.dataTransfer.effectAllowed = 'copy';
}

export const DiagramCard = memo(function DiagramCard({ entry, index, tabbable, onFocusItem, onActivate }: Props) {
  const statsId = useId();
  return (
    <li
      className="card"
      aria-label={entry.notation}
      aria-describedby={statsId}
      data-index={index}
      tabIndex={tabbable ? 0 : -1}
      draggable
      onDragStart={(e) => onDragStart(e, entry.notation)}
      onClick={() => onActivate(entry.notation)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onActivate(entry.notation);
        }
      }}
      onFocus={(e: FocusEvent<HTMLLIElement>) => e.target === e.currentTarget && onFocusItem(index)}
    >
      <div className="card-figure">
        <DiagramSvg diagram={entry} />
      </div>
      <code className="notation">{entry.notation}</code>
      <dl className="stats" id={statsId}>
        <div>
          <dt>|Aut|</dt>
          <dd>{entry.aut}</dd>
        </div>
        <div>
          <dt>ties</dt>
          <dd>{entry.ties}</dd>
        </div>
        <div>
          <dt>irreducible</dt>
          <dd className={entry.irreducible ? 'yes' : 'no'}>{entry.irreducible ? 'yes' : 'no'}</dd>
        </div>
      </dl>
    </li>
  );
});
