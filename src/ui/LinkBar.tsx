// "Copy link" with the link itself beside it, and the notice about a link that did not load fully.
import { useAppStore } from '../app/state/store';
import { copyLink, linkStateOf, permalink } from '../app/hooks/linkSync';
import { linkLosses } from '../app/links/permalink';

export function CopyLink() {
  const status = useAppStore((s) => s.copyStatus);
  // re-render on any linked change so the shown link is current
  const state = useAppStore((s) => s);
  // said before the link is made: what opening it would not restore
  const losses = linkLosses(linkStateOf(state));
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copyLink()}>
        Copy link
      </button>
      {status !== 'idle' && (
        <input
          className="link-text"
          readOnly
          aria-label="Permalink"
          value={permalink()}
          onFocus={(e) => e.target.select()}
        />
      )}
      <span role="status" className="muted">
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Select and copy the link' : ''}
      </span>
      {losses.length > 0 && (
        <span role="alert" className="refusal" aria-label="Link warning">
          The link will not restore {losses.join('; ')}
        </span>
      )}
    </div>
  );
}

export function LinkNotice() {
  const problems = useAppStore((s) => s.linkProblems);
  const dismiss = useAppStore((s) => s.setLinkProblems);
  if (!problems) return null;
  return (
    <div role="alert" className="link-notice">
      <p>This link could not be read completely. Every valid field was kept; dropped or ignored:</p>
      <ul>
        {problems.slice(0, 12).map((p, i) => (
          <li key={i}>{p}</li>
        ))}
        {problems.length > 12 && <li>… and {problems.length - 12} more</li>}
      </ul>
      <button type="button" onClick={() => dismiss(null)}>
        Dismiss
      </button>
    </div>
  );
}
