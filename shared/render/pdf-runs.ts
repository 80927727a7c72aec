/**
 * Glyph fallback for the PDF. The rasteriser and browsers fall back from one font to another
 * glyph by glyph, so a name in Polish, Cyrillic or Greek draws in Inter's Latin-Extended, Cyrillic
 * or Greek subset. svg-to-pdfkit cannot: it picks one font per text element, and a character
 * that font lacks prints as an empty box. So before the SVG goes to the PDF, every run of
 * characters the Latin faces lack is wrapped in a `<tspan>` naming the subset font that has them
 * (`font-family="Inter cyrillic"`), which the PDF registers under that name. Text positions do
 * not change: a tspan without coordinates continues where the text before it ended.
 */

/** The name under which a subset of Inter is registered in the PDF. */
export const fallbackFamily = (subset: string): string => `Inter ${subset}`;

/** Wraps the runs of `content` (character data, no markup) whose characters need another subset. */
function markText(content: string, subsetOf: (codePoint: number) => string | undefined): string {
  let out = '';
  let run = '';
  let runSubset: string | undefined;
  const flush = () => {
    if (run === '') return;
    out += runSubset === undefined ? run : `<tspan font-family="${fallbackFamily(runSubset)}">${run}</tspan>`;
    run = '';
  };
  for (const ch of content) {
    const cp = ch.codePointAt(0)!;
    // Entities and everything Latin-1 stay with the element's own font.
    const subset = cp < 0x100 ? undefined : subsetOf(cp);
    if (subset !== runSubset) {
      flush();
      runSubset = subset;
    }
    run += ch;
  }
  flush();
  return out;
}

/** The character data of one `<text>` element (its tags kept as they are) with fallback runs marked. */
function markElement(element: string, subsetOf: (codePoint: number) => string | undefined): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lt = element.indexOf('<', at);
    out += markText(element.slice(at, lt < 0 ? element.length : lt), subsetOf);
    if (lt < 0) return out;
    const gt = element.indexOf('>', lt);
    if (gt < 0) return out + element.slice(lt);
    out += element.slice(lt, gt + 1);
    at = gt + 1;
  }
}

/**
 * `svg` with each run of `<text>` content that the Latin faces cannot draw wrapped in a tspan
 * naming its subset. `subsetOf` says which subset holds a code point (undefined: Latin has it,
 * or no subset does — then the box stays). An SVG with Latin text only comes back unchanged.
 */
export function markFallbackRuns(svg: string, subsetOf: (codePoint: number) => string | undefined): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = svg.indexOf('<text', at);
    if (open < 0) return out + svg.slice(at);
    const close = svg.indexOf('</text>', open);
    if (close < 0) return out + svg.slice(at);
    out += svg.slice(at, open) + markElement(svg.slice(open, close), subsetOf);
    at = close;
  }
}
