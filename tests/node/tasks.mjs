// Reads a Mermaid diagram with Mermaid's own parser and prints what it
// understood: the title and, per task, its section, name, dates and tags.
// Used by tests/report.rs; `npm ci` in this folder installs what it needs.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });

const text = readFileSync(process.argv[2], 'utf8');
try {
  await mermaid.parse(text);
} catch (e) {
  console.error(`not valid Mermaid: ${e.message ?? e}`);
  process.exit(1);
}
const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
const tasks = diagram.db.getTasks().map((t) => ({
  section: t.section,
  task: t.task.trim(),
  start: t.startTime.toISOString().slice(0, 10),
  end: t.endTime.toISOString().slice(0, 10),
  crit: !!t.crit,
  done: !!t.done,
  active: !!t.active,
  milestone: !!t.milestone,
}));
console.log(JSON.stringify({ type: diagram.type, title: diagram.db.getDiagramTitle(), tasks }));
