/**
 * JSON cut short (an event truncated at the size cap): everything that parses before the cut, with the open
 * objects, arrays and the string in progress closed where the data ends. A syntax error before the end means the
 * data was not JSON at all (undefined). Iterative, so deep nesting cannot overflow the stack.
 */
export interface PartialJson {
  value: unknown;
  /** False when the data ended inside the value (it was cut). */
  complete: boolean;
}

/** Marks the innermost container the data ended in: the cut is shown after its last kept entry. */
export const CUT = Symbol('cut');

type Frame =
  { kind: 'array'; value: unknown[] } | { kind: 'object'; value: Record<string, unknown>; key: string | null };

class Cut extends Error {}
class Invalid extends Error {}

export function parsePartialJson(text: string): PartialJson | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const need = () => {
    ws();
    if (i >= n) throw new Cut();
  };
  /** A string from the quote at i; a string cut short is kept as far as it goes. */
  const readString = (): { value: string; cut: boolean } => {
    i++;
    let out = '';
    let start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(start, i);
        i++;
        return { value: out, cut: false };
      }
      if (c === 92) {
        out += text.slice(start, i);
        if (i + 1 >= n) return { value: out, cut: true };
        const e = text[i + 1]!;
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          if (i + 6 > n) return { value: out, cut: true };
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Invalid();
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else throw new Invalid();
        start = i;
      } else if (c < 32) throw new Invalid();
      else i++;
    }
    return { value: out + text.slice(start), cut: true };
  };
  const readLiteral = (): unknown => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
      if (word.startsWith(text.slice(i)) && i < n) throw new Cut();
    }
    if (!m) throw new Invalid();
    i += m[0].length;
    // A number that runs to the very end may have lost digits: not kept.
    if (i >= n) throw new Cut();
    return Number(m[0]);
  };

  const stack: Frame[] = [];
  let root: unknown = undefined;
  let rootSet = false;
  const put = (value: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = value;
      rootSet = true;
    } else if (top.kind === 'array') top.value.push(value);
    else {
      top.value[top.key!] = value;
      top.key = null;
    }
  };
  const markCut = () => {
    // On the innermost open container, where the data ended. Not enumerable: the values stay plain JSON.
    const inner = stack[stack.length - 1];
    if (inner) Object.defineProperty(inner.value, CUT, { value: true, enumerable: false });
  };

  try {
    need();
    const first = text[i];
    if (first !== '{' && first !== '[') return undefined;
    for (;;) {
      const top = stack[stack.length - 1];
      need();
      if (top && top.kind === 'object' && top.key === null) {
        // Expecting a key, a comma or the end of the object.
        const c = text[i];
        if (c === '}') {
          i++;
          stack.pop();
          put(top.value);
        } else if (c === ',' && Object.keys(top.value).length > 0) i++;
        else if (c === '"') {
          const key = readString();
          if (key.cut) throw new Cut();
          need();
          if (text[i] !== ':') throw new Invalid();
          i++;
          top.key = key.value;
          need();
        } else throw new Invalid();
        if (top.key === null) {
          if (stack.length === 0 && rootSet) break;
          continue;
        }
      } else if (top && top.kind === 'array') {
        const c = text[i];
        if (c === ']') {
          i++;
          stack.pop();
          put(top.value);
          if (stack.length === 0) break;
          continue;
        }
        if (c === ',' && top.value.length > 0) {
          i++;
          need();
        }
      }
      if (stack.length === 0 && rootSet) break;
      // A value.
      const c = text[i];
      if (c === '{') {
        i++;
        stack.push({ kind: 'object', value: {}, key: null });
      } else if (c === '[') {
        i++;
        stack.push({ kind: 'array', value: [] });
      } else if (c === '"') {
        const s = readString();
        put(s.value);
        if (s.cut) throw new Cut();
      } else put(readLiteral());
      if (stack.length === 0) break;
    }
    ws();
    if (i < n) return undefined;
    return { value: root, complete: true };
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    if (!(error instanceof Cut)) throw error;
    // Close what is open, innermost first, each into its parent.
    markCut();
    while (stack.length > 0) {
      const frame = stack.pop()!;
      put(frame.value);
    }
    return { value: root, complete: false };
  }
}
