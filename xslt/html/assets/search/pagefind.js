/*
  The search of the edition over its index in parts (pagefind/parts.json, written by
  teipress.writers.search_parts), with Pagefind's API: Pagefind's interface
  (pagefind/pagefind-ui.js) loads this module as the "pagefind.js" of its bundle
  (bundlePath assets/search/, set by assets/search.js) and calls options, filters,
  preload, search and destroy here.

  - The parts of one language are merged into one Pagefind engine (mergeIndex); each
    language has an engine of its own, loaded from the first part of that language as
    a module of its own (its own WebAssembly, so the query is stemmed as that language's
    texts were indexed). The results of the engines are merged by score.
  - The witness records (parts of kind "witness", one record per witness of a text) are
    searched only when the reader filters by witness; otherwise they only count, for the
    filter's numbers. Their filter is named "witness" in the index and shown under the
    label the search page gives (option witnessFilter).
  - A result links the block that matched (Pagefind records every element with an id
    as an anchor): the paragraph, the register entry, the variant; its sub-results are
    the other blocks that matched.
*/

const site = new URL("../../", import.meta.url);
const bundles = new URL("pagefind/", site);
const WITNESS = "witness";
// Anchors a result does not land on: links (the mentions, the calls of notes and variants).
const PASSED = new Set(["a"]);
const SUB_TITLE_WORDS = 8;

let settings = {};
let loading = null;

function engines() {
  if (!loading) loading = load();
  return loading;
}

async function load() {
  const response = await fetch(new URL("parts.json", bundles), { cache: "no-cache" });
  if (!response.ok) throw new Error("pagefind/parts.json: " + response.status);
  const groups = new Map();
  for (const part of (await response.json()).parts) {
    const kind = part.kind === "witness" ? "witness" : "main";
    const name = kind + " " + part.language;
    if (!groups.has(name)) groups.set(name, { kind: kind, paths: [] });
    groups.get(name).paths.push(new URL(part.path, bundles).pathname);
  }
  return Promise.all(Array.from(groups.values(), start));
}

async function start(group) {
  const engine = await import(new URL(group.paths[0] + "pagefind.js", site).href);
  const { witnessFilter, ...options } = settings;
  await engine.options({ ...options, basePath: group.paths[0], baseUrl: site.pathname });
  for (const path of group.paths.slice(1)) await engine.mergeIndex(path, { baseUrl: site.pathname });
  // Pagefind counts a search's filters over the filter data it has loaded so far, which only
  // filters() loads whole: without this, a first search could answer without some parts'
  // filters, and Pagefind's interface keeps the filter groups of that answer until the next one.
  await engine.filters();
  return { kind: group.kind, engine: engine };
}

function label() {
  return settings.witnessFilter || WITNESS;
}

/* Filters: {name: {value: count}} of several engines, summed. */
function mergeFilters(all) {
  const merged = {};
  for (const filters of all) {
    for (const [name, values] of Object.entries(filters || {})) {
      merged[name] = merged[name] || {};
      for (const [value, count] of Object.entries(values)) merged[name][value] = (merged[name][value] || 0) + count;
    }
  }
  return merged;
}

/* The witness filter under its label; the other filters of the witness records are the texts'. */
function witnessOnly(filters) {
  return filters && filters[WITNESS] ? { [label()]: filters[WITNESS] } : {};
}

export async function options(given) {
  settings = { ...settings, ...given };
}

export async function init() {
  await engines();
}

export async function destroy() {
  if (!loading) return;
  const started = await loading.catch(() => []);
  loading = null;
  await Promise.all(started.map((e) => e.engine.destroy()));
}

export async function filters() {
  const started = await engines();
  const main = await Promise.all(started.filter((e) => e.kind === "main").map((e) => e.engine.filters()));
  const witness = await Promise.all(started.filter((e) => e.kind === "witness").map((e) => e.engine.filters()));
  return { ...mergeFilters(main), ...witnessOnly(mergeFilters(witness)) };
}

/* Which engines a search asks, and with which filters: the witness records when a witness is chosen. */
function plan(given) {
  const { [label()]: chosen, ...others } = given || {};
  const byWitness = Array.isArray(chosen) ? chosen.length > 0 : Boolean(chosen);
  return { byWitness: byWitness, filters: byWitness ? { ...others, [WITNESS]: chosen } : others, others: others };
}

export async function preload(term, given = {}) {
  const started = await engines();
  const how = plan(given.filters);
  const kind = how.byWitness ? "witness" : "main";
  await Promise.all(started.filter((e) => e.kind === kind).map((e) => e.engine.preload(term, { ...given, filters: how.filters })));
}

export async function search(term, given = {}) {
  const started = await engines();
  const how = plan(given.filters);
  const asked = started.filter((e) => e.kind === (how.byWitness ? "witness" : "main"));
  const found = await Promise.all(asked.map((e) => e.engine.search(term, { ...given, filters: how.filters })));
  const response = await combine(found, term);
  const witnesses = started.filter((e) => e.kind === "witness");
  if (how.byWitness) {
    response.filters = { ...response.filters, ...witnessOnly(response.filters) };
    delete response.filters[WITNESS];
    response.totalFilters = { ...response.totalFilters, ...witnessOnly(response.totalFilters) };
    delete response.totalFilters[WITNESS];
  } else if (witnesses.length) {
    // How many texts each witness reads the words in, under the other filters chosen.
    const counted = await Promise.all(witnesses.map((e) => e.engine.search(term, { ...given, filters: how.others })));
    response.filters = { ...response.filters, ...witnessOnly(mergeFilters(counted.map((s) => s.filters))) };
    response.totalFilters = { ...response.totalFilters, ...witnessOnly(mergeFilters(counted.map((s) => s.totalFilters))) };
  }
  return response;
}

async function combine(found, term) {
  const results = (await withoutBacktracks(found.flatMap((s) => s.results), term)).sort((a, b) => b.score - a.score)
    .map((result) => ({ ...result, data: async () => land(await result.data()) }));
  const response = {
    results: results,
    unfilteredResultCount: found.reduce((sum, s) => sum + (s.unfilteredResultCount || 0), 0),
    filters: mergeFilters(found.map((s) => s.filters)),
    totalFilters: mergeFilters(found.map((s) => s.totalFilters)),
    timings: found.flatMap((s) => s.timings || []),
  };
  if (found.length && found[0].search_keywords) response.search_keywords = found[0].search_keywords;
  return response;
}

/*
  Pagefind searches each part alone, and a part without a word of the query answers with the
  longest prefix of it that it has ("co" for "conspicuous"), as one index does only when no page
  has the word. So a result is dropped when, for a word of the query, another result matches it
  better both by Pagefind's score of the match (its length bonus) and by the letters it shares
  with the word: what one index of the whole site would not have answered.
*/
async function withoutBacktracks(results, term) {
  const words = plain(term || "").split(/\s+/).filter(Boolean);
  if (results.length < 2 || !words.length) return results;
  const judged = await Promise.all(results.map(async (result) => ({ result: result, match: matching(await result.data(), words) })));
  const best = words.map((_, i) => ({
    fit: Math.max(...judged.map((j) => j.match[i].fit)),
    shared: Math.max(...judged.map((j) => j.match[i].shared)),
  }));
  return judged.filter((j) => j.match.every((m, i) => m.fit >= best[i].fit * 0.99 || m.shared >= best[i].shared))
    .map((j) => j.result);
}

/* For each word of the query: the best fit (Pagefind's balanced score over the square of the
   match's weight) and the most letters shared with it by a word the result matched. */
function matching(data, words) {
  const content = String(data.content || "").split(/[\r\n\s]+/g);
  const match = words.map(() => ({ fit: 0, shared: 0 }));
  for (const location of data.weighted_locations || []) {
    const found = plain(content[location.location] || "");
    const weight = (location.weight || 1) * 24;
    const fit = (location.balanced_score || 0) / (weight * weight);
    let at = 0;
    const shared = words.map((word) => common(found, word));
    shared.forEach((n, i) => { if (n > shared[at]) at = i; });
    match[at].fit = Math.max(match[at].fit, fit);
    match[at].shared = Math.max(match[at].shared, shared[at]);
  }
  return match;
}

function plain(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, "");
}

function common(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/* The page of a result, without fragment: the record's own URL (a witness record links its view). */
function pageUrl(data) {
  const given = (data.meta && data.meta.url) || data.url;
  const url = new URL(given, site);
  url.hash = "";
  return url.pathname + url.search;
}

/* A result with its link on the block that matched best and a sub-result per other block. */
export function land(data) {
  const page = pageUrl(data);
  const anchors = (data.anchors || []).filter((a) => a.id && !PASSED.has(String(a.element).toLowerCase()))
    .sort((a, b) => a.location - b.location);
  const blocks = new Map();
  for (const word of data.weighted_locations || []) {
    let at = null;
    for (const anchor of anchors) {
      if (anchor.location > word.location) break;
      at = anchor;
    }
    if (!at) continue;
    if (!blocks.has(at.id)) blocks.set(at.id, { anchor: at, words: [], score: 0 });
    const block = blocks.get(at.id);
    block.words.push(word);
    block.score += word.balanced_score || word.weight || 1;
  }
  const landed = { ...data, url: page, meta: { ...data.meta, url: page } };
  if (!blocks.size) return landed;
  const ordered = Array.from(blocks.values());
  const best = ordered.reduce((a, b) => (b.score > a.score ? b : a));
  const words = (data.raw_content || "").split(/[\r\n\s]+/g).map(escape);
  const sub = [best, ...ordered.filter((b) => b !== best)].map((block) => ({
    title: title(block.anchor, data),
    url: page + "#" + block.anchor.id,
    anchor: block.anchor,
    locations: block.words.map((w) => w.location),
    weighted_locations: block.words,
    excerpt: excerpt(words, block.anchor.location, block.words.map((w) => w.location)),
  }));
  landed.url = sub[0].url;
  landed.meta.url = sub[0].url;
  landed.sub_results = sub;
  return landed;
}

function title(anchor, data) {
  const words = String(anchor.text || "").split(/\s+/).filter(Boolean);
  if (!words.length) return (data.meta && data.meta.title) || "";
  return words.slice(0, SUB_TITLE_WORDS).join(" ") + (words.length > SUB_TITLE_WORDS ? " …" : "");
}

/* A word of Pagefind's raw content (its < and > escaped) as HTML text: & escaped too. */
function escape(word) {
  return word.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/* About 30 words from a little before the first match (not before its block), the matches
   marked: HTML, as Pagefind's own excerpts are. */
function excerpt(words, from, locations) {
  const length = 30;
  const start = Math.max(0, from, Math.min(locations[0] - 10, words.length - length));
  const marked = new Set(locations);
  const out = [];
  for (let i = start; i < Math.min(words.length, start + length); i++) {
    out.push(marked.has(i) ? "<mark>" + words[i] + "</mark>" : words[i]);
  }
  return out.join(" ");
}
