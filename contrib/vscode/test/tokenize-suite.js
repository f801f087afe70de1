// Tokenizes every .pkt script given on the command line (directories are searched)
// with the TextMate grammar, as VS Code would, and fails on any token the grammar
// scopes as invalid: a construct of the language the grammar does not know.
'use strict';
const fs = require('fs');
const path = require('path');
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

function scriptsUnder(target) {
  if (fs.statSync(target).isFile()) return [target];
  return fs.readdirSync(target, { withFileTypes: true })
    .flatMap((entry) => {
      const child = path.join(target, entry.name);
      if (entry.isDirectory()) return scriptsUnder(child);
      return entry.name.endsWith('.pkt') ? [child] : [];
    })
    .sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.pkt') return null;
      const file = path.join(__dirname, '..', 'syntaxes', 'pkt.tmLanguage.json');
      return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.pkt');
}

async function main() {
  const targets = process.argv.slice(2);
  if (targets.length === 0) {
    console.error('usage: node tokenize-suite.js SCRIPT_OR_DIRECTORY...');
    process.exit(2);
  }
  const grammar = await loadGrammar();
  const scripts = targets.flatMap(scriptsUnder);
  const problems = [];
  for (const script of scripts) {
    let state = textmate.INITIAL;
    fs.readFileSync(script, 'utf8').split('\n').forEach((line, index) => {
      const result = grammar.tokenizeLine(line, state);
      for (const token of result.tokens) {
        if (token.scopes.some((scope) => scope.startsWith('invalid'))) {
          const text = line.substring(token.startIndex, token.endIndex);
          problems.push(`${script}:${index + 1}:${token.startIndex + 1}: invalid token '${text}'`);
        }
      }
      state = result.ruleStack;
    });
  }
  problems.forEach((problem) => console.error(problem));
  console.log(`${scripts.length} scripts tokenized, ${problems.length} invalid tokens`);
  process.exit(scripts.length > 0 && problems.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
