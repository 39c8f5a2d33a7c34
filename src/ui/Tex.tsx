// A LaTeX formula typeset by KaTeX (errors are rendered in place, never thrown).
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';

export const Tex = memo(function Tex({ tex, label, display }: { tex: string; label?: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { throwOnError: false, displayMode: display, output: 'htmlAndMathml' }),
    [tex, display],
  );
  return <span className="tex" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
});
