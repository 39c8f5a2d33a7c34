// JSON.parse keeps the last of two equal keys without a word; scenario files must not say one
// thing twice. A small scanner over text that JSON.parse has already accepted finds the first
// repeated key and its path.

/** The path of the first key that appears twice in one object (e.g. `schedule.N`), or null. */
export function duplicateKeyPath(text: string): string | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // an explicit stack instead of recursion: deep nesting is legal JSON
  const stack: { keys: Set<string> | null; path: string; index: number }[] = [];
  const pathOf = (key: string | number): string => {
    const top = stack[stack.length - 1];
    const base = top ? top.path : '';
    return typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;
  };
  let pendingPath = '';
  for (;;) {
    ws();
    const c = text[i];
    if (c === undefined) return null;
    if (c === '{') {
      stack.push({ keys: new Set(), path: pendingPath, index: 0 });
      i++;
    } else if (c === '[') {
      stack.push({ keys: null, path: pendingPath, index: 0 });
      i++;
      ws();
      if (text[i] !== ']') pendingPath = pathOf(0);
      continue;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      i++;
      const top = stack[stack.length - 1];
      if (top && top.keys === null) pendingPath = pathOf(++top.index);
      continue;
    } else if (c === '"') {
      const top = stack[stack.length - 1];
      const s = str();
      ws();
      if (top && top.keys !== null && text[i] === ':') {
        if (top.keys.has(s)) return pathOf(s);
        top.keys.add(s);
        pendingPath = pathOf(s);
        i++;
      }
      continue;
    } else {
      // a number, true, false or null
      while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
    }
  }
}
