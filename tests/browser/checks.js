// In-page halves of the accessibility checks (see checks.py). Each returns plain data.
window.__checks = (() => {
  const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

  function rgba(value) {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }

  function luminance({ r, g, b }) {
    const channel = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }

  function over(top, bottom) {
    const a = top.a;
    return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
  }

  function ratio(one, two) {
    const [light, dark] = [luminance(one), luminance(two)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  }

  // The colour behind an element: its own background, or the first opaque one above it.
  function background(element) {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a === 1) break;
      }
    }
    const canvas = rgba(getComputedStyle(document.documentElement).backgroundColor);
    let result = canvas && canvas.a === 1 ? canvas : { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  }

  function visible(element) {
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    // The content of a closed <details> keeps its boxes but is not rendered (content-visibility).
    if (!element.checkVisibility({ visibilityProperty: true })) return false;
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && rect.bottom > -1000;
  }

  function describe(colour) {
    return `rgb(${Math.round(colour.r)}, ${Math.round(colour.g)}, ${Math.round(colour.b)})`;
  }

  function contrast(minimum) {
    const problems = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.textContent.trim() || seen.has(element) || !visible(element)) continue;
      seen.add(element);
      const style = getComputedStyle(element);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? Math.min(minimum, 4.5) : minimum;
      const back = background(element);
      const fore = over(rgba(style.color), back);
      const value = ratio(fore, back);
      if (value < needed) {
        problems.push({ text: node.textContent.trim().slice(0, 40), ratio: value, color: describe(fore), background: describe(back) });
      }
    }
    return problems;
  }

  function key(element) {
    if (!element || element === document.body || element === document.documentElement) return null;
    const index = Array.prototype.indexOf.call(document.getElementsByTagName('*'), element);
    const label = (element.getAttribute('href') || element.textContent || '').trim().slice(0, 30);
    return `${element.tagName.toLowerCase()}#${index} ${label}`;
  }

  function focusables() {
    return Array.from(document.querySelectorAll(FOCUSABLE))
      .filter((e) => e.tabIndex >= 0 && !e.disabled && visible(e) && !e.closest('[inert]'))
      .filter((e) => !e.matches('a.skip-link'))
      .map(key);
  }

  // The focused element shows an indicator of at least 3:1 and is not hidden or covered.
  function focusProblems() {
    const element = document.activeElement;
    const problems = [];
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const surroundings = background(element.parentElement || element);
    if (!outline && style.boxShadow === 'none') {
      problems.push('no visible focus indicator');
    } else if (outline && ratio(over(rgba(style.outlineColor), surroundings), surroundings) < 3) {
      problems.push(`focus outline contrast ${ratio(over(rgba(style.outlineColor), surroundings), surroundings).toFixed(2)}:1`);
    }
    const rect = element.getBoundingClientRect();
    if (rect.bottom <= 0 || rect.top >= innerHeight || rect.right <= 0 || rect.left >= innerWidth) {
      problems.push('focused element is outside the viewport');
    } else {
      const x = Math.min(Math.max(rect.left + 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      if (top && top !== element && !element.contains(top) && !top.contains(element)) {
        problems.push(`focused element is covered by ${top.tagName.toLowerCase()}`);
      }
    }
    return problems;
  }

  function screenReaderOnly(element) {
    for (let e = element; e; e = e.parentElement) {
      if (getComputedStyle(e).clipPath === 'inset(50%)' && e.getBoundingClientRect().width <= 1) return true;
    }
    return false;
  }

  function overflow() {
    const problems = [];
    const extra = document.documentElement.scrollWidth - innerWidth;
    if (extra > 1) problems.push(`the page scrolls sideways by ${extra}px`);
    for (const element of document.body.querySelectorAll('*')) {
      if (!visible(element) || element.matches('.skip-link')) continue;
      const style = getComputedStyle(element);
      // Text for screen readers only (the 1px, clipped "visually hidden" pattern), and what it
      // holds (a language's name marked with its language), is meant to be clipped.
      if (screenReaderOnly(element)) continue;
      // A one-line text field scrolls a value longer than itself, as every browser does: not clipping.
      const clips = /hidden|clip/.test(style.overflowX + style.overflowY) && !element.matches('input');
      if (clips && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1)) {
        problems.push(`${element.tagName.toLowerCase()} clips its content`);
      }
      const rect = element.getBoundingClientRect();
      if (element.textContent.trim() && (rect.right > innerWidth + 1 || rect.left < -1)) {
        problems.push(`${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 30)}" is cut off at the edge`);
      }
    }
    return problems;
  }

  // Lines of at most 80 characters, 40 in Chinese: by the language of each block, not the page.
  // The text a sighted reader sees in a block: not what only a screen reader reads, nor the
  // text of a block inside it (a definition's source), which is measured on its own.
  // The blocks measured, each on its own: paragraphs, items, definitions, and a line of another
  // language set as a block of its own inside one (an English excerpt in a Chinese list).
  const BLOCKS = 'p, li, dd, .excerpt';

  function shownText(element) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!screenReaderOnly(parent) && parent.closest(BLOCKS) === element) text += node.textContent;
    }
    return text.replace(/\s+/g, ' ').trim();
  }

  function presentation() {
    const problems = [];
    const canvas = document.createElement('canvas').getContext('2d');
    for (const element of document.querySelectorAll(BLOCKS.split(', ').map((b) => `main ${b}`).join(', '))) {
      const text = shownText(element);
      if (!text || !visible(element)) continue;
      const style = getComputedStyle(element);
      const size = parseFloat(style.fontSize);
      const lineHeight = parseFloat(style.lineHeight);
      if (!(lineHeight / size >= 1.5)) problems.push(`line height ${(lineHeight / size).toFixed(2)} in "${text.slice(0, 30)}"`);
      if (style.textAlign === 'justify') problems.push(`justified text in "${text.slice(0, 30)}"`);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const average = canvas.measureText(text).width / text.length;
      const width = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const perLine = width / average;
      const limit = (element.closest('[lang]') || document.documentElement).lang.startsWith('zh') ? 40 : 80;
      if (text.length > limit && perLine > limit) {
        problems.push(`about ${Math.round(perLine)} characters per line in "${text.slice(0, 30)}"`);
      }
    }
    return problems;
  }

  function switcherLanguages() {
    const problems = [];
    const links = document.querySelectorAll('nav.languages a');
    if (links.length !== 6) problems.push(`${links.length} language links, expected 6`);
    for (const a of links) {
      if (!a.lang || a.lang !== a.hreflang) problems.push(`switcher link "${a.textContent}" has lang=${a.lang} hreflang=${a.hreflang}`);
    }
    return problems;
  }

  function printProblems() {
    const problems = [];
    for (const element of document.querySelectorAll('header nav, .site-menu, .skip-link')) {
      // Hidden itself or inside something hidden (the header's menu).
      if (element.checkVisibility()) problems.push(`${element.className || element.tagName} is printed`);
    }
    // Paper shows the address of another site, never one of this site's own.
    for (const a of document.querySelectorAll('main a[href]')) {
      if (a.getAttribute('href').startsWith('#') || !a.checkVisibility()) continue;
      const after = getComputedStyle(a, '::after').content;
      const printed = after && after !== 'none' && after !== 'normal';
      const own = a.origin === location.origin;
      if (own === printed) {
        const what = own ? 'prints its address' : 'prints without its target';
        problems.push(`link "${a.textContent.trim().slice(0, 30)}" ${what}`);
        break;
      }
    }
    const main = document.querySelector('main');
    if (!main || main.getBoundingClientRect().height < 50 || !main.innerText.trim()) problems.push('main is not printed');
    return problems;
  }

  // After a Tab: which element has focus, and what is wrong with how it shows it.
  function focusReport() {
    const element = document.activeElement;
    const id = key(element);
    return { key: id, problems: id ? focusProblems() : [] };
  }

  // What focusReport says of each element as it receives the focus, in order, each once: the Tab
  // walk of the keyboard check, read in one call at its end rather than after every key.
  function recordReports() {
    window.__reports = [];
    const seen = new Set();
    document.addEventListener('focusin', () => {
      const report = focusReport();
      if (report.key === null || seen.has(report.key)) return;
      seen.add(report.key);
      window.__reports.push(report);
    });
    return true;
  }

  function reports() {
    return window.__reports || [];
  }

  // Every element that receives the focus, in the order it does: the Tab walk of focusStates.
  function recordFocus() {
    window.__focused = [];
    document.addEventListener('focusin', (event) => {
      if (!window.__focused.includes(event.target)) window.__focused.push(event.target);
    });
    return true;
  }

  function selectorOf(element) {
    if (element.id) return `${element.tagName.toLowerCase()}#${element.id}`;
    let selector = element.tagName.toLowerCase() + Array.from(element.classList, (c) => `.${c}`).join('');
    for (const name of ['aria-current', 'href', 'name', 'type']) {
      if (element.hasAttribute(name)) selector += `[${name}="${element.getAttribute(name)}"]`;
    }
    const text = (element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 30);
    return text ? `${selector} "${text}"` : selector;
  }

  // The shadows of a computed box-shadow that draw a visible line (2px or more) outside the box.
  function shadowColours(value) {
    if (!value || value === 'none') return [];
    return value.split(/,(?![^(]*\))/).filter((shadow) => !/inset/.test(shadow)).flatMap((shadow) => {
      const colour = rgba(shadow);
      const [x = 0, y = 0, , spread = 0] = shadow.replace(/rgba?\([^)]*\)/, '').trim().split(/\s+/).map(parseFloat);
      return colour && Math.max(Math.abs(x), Math.abs(y), spread) >= 2 ? [colour] : [];
    });
  }

  // What a focused element shows: each text run (a control's own text) on its background, and
  // the best of its outline and shadows against what surrounds it.
  function focusedState(element) {
    const problems = [];
    const runs = element.matches('input, textarea, select') ? [element] : [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (node.textContent.trim() && visible(parent) && !screenReaderOnly(parent) && !runs.includes(parent)) runs.push(parent);
    }
    for (const run of runs) {
      const back = background(run);
      const value = ratio(over(rgba(getComputedStyle(run).color), back), back);
      problems.push({ part: run === element ? 'text' : `text of ${selectorOf(run)}`, ratio: value, kind: 'text' });
    }
    const style = getComputedStyle(element);
    const surroundings = background(element.parentElement || element);
    const colours = shadowColours(style.boxShadow);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) colours.push(rgba(style.outlineColor));
    const best = Math.max(0, ...colours.map((colour) => ratio(over(colour, surroundings), surroundings)));
    problems.push({ part: 'focus indicator', ratio: best, kind: 'indicator' });
    return problems;
  }

  // Focus each element of the Tab walk in turn (the keyboard's :focus-visible holds, as after a
  // Tab): the contrasts under the minimums, with the element's selector.
  function focusStates(textMinimum, indicatorMinimum) {
    const found = [];
    for (const element of window.__focused || []) {
      if (!element.isConnected || element === document.body) continue;
      element.focus();
      const selector = selectorOf(element);
      if (!element.matches(':focus-visible')) {
        found.push({ selector, part: 'not :focus-visible', ratio: 0 });
        continue;
      }
      for (const measure of focusedState(element)) {
        if (measure.ratio < (measure.kind === 'text' ? textMinimum : indicatorMinimum)) found.push({ selector, ...measure });
      }
    }
    return { walked: (window.__focused || []).length, found };
  }

  return { contrast, key, focusables, focusProblems, focusReport, focusStates, overflow, presentation, recordFocus, recordReports, reports, switcherLanguages, printProblems };
})();
