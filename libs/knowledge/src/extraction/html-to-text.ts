/** Named entities that appear in Chinese government and park web pages. */
const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  middot: '·',
  times: '×',
  ge: '≥',
  le: '≤',
  yen: '¥',
  copy: '©',
};

/** Decodes named, decimal and hexadecimal character references; unknown names stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Lines of site furniture that carry no article content (footer, share bar, print links, ICP numbers). */
const BOILERPLATE =
  /^(?:版权所有|copyright|©|主办单位|承办单位|主办：|承办：|技术支持|网站标识码|网站地图|联系我们|ICP备|浙ICP|京ICP|公网安备|分享到|打印本页|关闭窗口|【?字体[:：]|【打印】|【关闭】|扫一扫|责任编辑|编辑[:：]|审核[:：]|浏览次数|阅读次数|点击数|上一篇|下一篇|相关链接|返回顶部|首页\s*[>＞]|当前位置)/i;

/** True for a line that is site furniture rather than article text. */
export function isBoilerplateLine(line: string): boolean {
  return BOILERPLATE.test(line.trim());
}

/** Collapses spaces inside lines, drops empty and boilerplate lines. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l) => l.length > 0 && !isBoilerplateLine(l))
    .join('\n');
}

/** True when the body looks like HTML rather than plain text. */
export function looksLikeHtml(body: string): boolean {
  return /<\/?(?:html|body|div|p|br|span|h[1-6]|table|article|section|script|style|a)\b[^>]*>/i.test(body);
}

/**
 * HTML to plain text: drops script/style/nav/header/footer/aside/form blocks and comments, turns block
 * ends into newlines, strips the remaining tags, decodes entities and removes boilerplate lines.
 */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, ' ');
  s = s.replace(
    /<(head|script|style|noscript|nav|header|footer|aside|form|iframe|svg|template|select|button)\b[^>]*>[\s\S]*?<\/\1\s*>/gi,
    ' ',
  );
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<\/(?:p|div|li|tr|h[1-6]|section|article|table|blockquote|dd|dt|ul|ol|pre)\s*>/gi, '\n');
  s = s.replace(/<(?:p|div|li|tr|h[1-6]|section|article|table|blockquote)\b[^>]*>/gi, '\n');
  s = s.replace(/<\/?(?:td|th)\b[^>]*>/gi, ' ');
  s = s.replace(/<[^>]*>/g, '');
  s = s.replace(/[<>]/g, ' ');
  return cleanText(decodeEntities(s));
}
