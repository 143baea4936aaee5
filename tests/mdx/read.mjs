// Compile each document on standard input (a JSON array of strings) as MDX,
// as Docusaurus does (MDX 3 with remark-gfm), and print what MDX read: every
// node type in the tree, each link's address and text, the text of each
// table cell and of each top-level block, as a JSON array.
// A document that does not compile gives its error message instead.
import { compile, createProcessor } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";
import { toString } from "mdast-util-to-string";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const documents = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const processor = createProcessor({ remarkPlugins: [remarkGfm] });

function walk(node, types, links) {
  types.add(node.type);
  if (node.type === "link") links.push([node.url, toString(node)]);
  for (const child of node.children || []) walk(child, types, links);
}

function tables(tree) {
  return tree.children
    .filter((node) => node.type === "table")
    .map((table) => table.children.map((row) => row.children.map((cell) => toString(cell))));
}

function blocks(tree) {
  return tree.children.map((node) => [node.type, toString(node)]);
}

const results = [];
for (const source of documents) {
  try {
    await compile(source, { remarkPlugins: [remarkGfm] });
    const tree = processor.parse(source);
    const types = new Set();
    const links = [];
    walk(tree, types, links);
    results.push({ types: [...types].sort(), links, tables: tables(tree), blocks: blocks(tree) });
  } catch (error) {
    results.push({ error: String(error) });
  }
}
process.stdout.write(JSON.stringify(results));
