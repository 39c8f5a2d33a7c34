// How to read a drawing: root, edges, tied parts.
export function Legend() {
  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">Reading a diagram</h2>
      <ul>
        <li>
          <svg viewBox="-9 -9 18 18" width="16" height="16" aria-hidden="true">
            <circle className="node root" r="7" />
          </svg>
          the root (the observable), at the top
        </li>
        <li>
          <svg viewBox="-9 -9 18 18" width="16" height="16" aria-hidden="true">
            <circle className="node" r="6" />
          </svg>
          a node; each edge is one power of η
        </li>
        <li>
          <svg viewBox="-12 -9 24 18" width="22" height="16" aria-hidden="true">
            <path className="hull tint-0" d="M-5,0L5,0" strokeWidth="14" />
            <circle className="node tint-0" cx="-5" r="4" />
            <circle className="node tint-0" cx="5" r="4" />
          </svg>
          tied nodes: one part, one datapoint
        </li>
      </ul>
      <p>
        Notation <code>c(parts)(edges)</code>: edges are child–parent digit pairs; the highest node is the root.
      </p>
    </section>
  );
}
